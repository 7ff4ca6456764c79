namespace DigitalTwin.Conversations;

/// <summary>A visitor's message to a twin.</summary>
/// <param name="Message">What the visitor wrote.</param>
/// <param name="SessionId">The visitor's session; <see langword="null"/> starts a new one.</param>
public sealed record TwinChatRequest(string Message, SessionId? SessionId = null)
{
    /// <summary>A client-chosen id for the turn (an idempotency key); a new one is generated when absent.</summary>
    public string? TurnId { get; init; }
}
