using Microsoft.Extensions.AI;

namespace DigitalTwin.Conversations;

/// <summary>A twin's answer to one visitor message.</summary>
/// <param name="Response">The answer text.</param>
/// <param name="SessionId">The session the turn was stored under (new when the request had none).</param>
public sealed record TwinReply(string Response, SessionId SessionId)
{
    /// <summary>Token usage reported by the provider, when it reported any.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Why the model stopped, when the provider said.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>The stored turn's id.</summary>
    public string? TurnId { get; init; }

    /// <summary>
    /// Whether this answer was not produced now but replayed: the request repeated a turn id that was already answered
    /// (the model was not called and nothing was stored again).
    /// </summary>
    public bool IsReplay { get; init; }
}
