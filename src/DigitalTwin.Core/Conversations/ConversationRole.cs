namespace DigitalTwin.Conversations;

/// <summary>Who wrote a stored message.</summary>
public enum ConversationRole
{
    /// <summary>The website visitor.</summary>
    User,

    /// <summary>The digital twin.</summary>
    Assistant,
}
