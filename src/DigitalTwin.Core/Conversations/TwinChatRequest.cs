namespace DigitalTwin.Conversations;

/// <summary>A visitor's message to a twin.</summary>
/// <param name="Message">What the visitor wrote.</param>
/// <param name="SessionId">The visitor's session; <see langword="null"/> starts a new one.</param>
public sealed record TwinChatRequest(string Message, SessionId? SessionId = null)
{
    /// <summary>A client-chosen id for the turn (an idempotency key); a new one is generated when absent.</summary>
    public string? TurnId { get; init; }

    /// <summary>
    /// The visitor's network address as the host sees it (the HTTP endpoints pass the connection's remote address), for the
    /// per-client limits on owner records; never stored. <see langword="null"/> when unknown: only per-session limits apply.
    /// </summary>
    public string? ClientAddress { get; init; }
}
