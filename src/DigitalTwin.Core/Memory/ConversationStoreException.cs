namespace DigitalTwin.Memory;

/// <summary>
/// A conversation store operation failed. The web layer answers 503 (or 413 for <see cref="ConversationStoreFailure.TurnTooLarge"/>)
/// without the message text; the message is for logs.
/// </summary>
public sealed class ConversationStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConversationStoreException(ConversationStoreFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception with a generic message.</summary>
    public ConversationStoreException() : this(ConversationStoreFailure.Unavailable, "The conversation store failed.") { }

    /// <summary>Creates the exception with a message.</summary>
    public ConversationStoreException(string message) : this(ConversationStoreFailure.Unavailable, message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ConversationStoreException(string message, Exception innerException)
        : this(ConversationStoreFailure.Unavailable, message, innerException) { }

    /// <summary>Why the operation failed.</summary>
    public ConversationStoreFailure Failure { get; }
}
