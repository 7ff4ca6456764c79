namespace DigitalTwin.Memory;

/// <summary>Why a conversation store operation failed.</summary>
public enum ConversationStoreFailure
{
    /// <summary>The store could not be reached or refused the request; retrying later may work.</summary>
    Unavailable,

    /// <summary>The store did not answer in time.</summary>
    Timeout,

    /// <summary>The turn is larger than the store can hold in one write.</summary>
    TurnTooLarge,

    /// <summary>Stored data could not be read back (damaged or of an unknown format).</summary>
    Corrupt,
}
