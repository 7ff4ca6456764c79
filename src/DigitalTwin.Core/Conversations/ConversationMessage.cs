namespace DigitalTwin.Conversations;

/// <summary>One stored message of a conversation.</summary>
/// <param name="Role">Who wrote it.</param>
/// <param name="Content">The text.</param>
/// <param name="Timestamp">When it was written (from the twin's <see cref="TimeProvider"/>).</param>
public sealed record ConversationMessage(ConversationRole Role, string Content, DateTimeOffset Timestamp);
