using Microsoft.Extensions.AI;

namespace DigitalTwin.Conversations;

/// <summary>One update of a streamed answer.</summary>
/// <param name="Kind">What the update carries.</param>
/// <param name="SessionId">The session the turn belongs to (on every update).</param>
public sealed record TwinStreamUpdate(TwinStreamUpdateKind Kind, SessionId SessionId)
{
    /// <summary>The text piece, for <see cref="TwinStreamUpdateKind.Delta"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Token usage, for <see cref="TwinStreamUpdateKind.Completed"/> when the provider reported it.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Why the model stopped, for <see cref="TwinStreamUpdateKind.Completed"/>.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>The stored turn's id, for <see cref="TwinStreamUpdateKind.Completed"/>.</summary>
    public string? TurnId { get; init; }

    /// <summary>For <see cref="TwinStreamUpdateKind.Completed"/>: the answer was replayed for a repeated turn id, not produced now.</summary>
    public bool IsReplay { get; init; }
}
