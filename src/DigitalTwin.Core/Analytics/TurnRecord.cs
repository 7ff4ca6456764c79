using DigitalTwin.Conversations;

namespace DigitalTwin.Analytics;

/// <summary>What analytics know of one stored turn: its conversation, id, time and how it was produced (never its text).</summary>
/// <param name="Conversation">
/// An opaque, stable identifier of the turn's conversation (the session's storage name), unique within the twin; used to
/// count conversations.
/// </param>
/// <param name="TurnId">The turn's id.</param>
/// <param name="Timestamp">When the answer was stored (the assistant message's timestamp).</param>
public sealed record TurnRecord(string Conversation, string TurnId, DateTimeOffset Timestamp)
{
    /// <summary>Model, provider, tokens, latency and finish reason; absent for turns stored without them.</summary>
    public TurnMetadata? Metadata { get; init; }

    /// <summary>The record of <paramref name="turn"/>, stored in the conversation <paramref name="key"/>.</summary>
    internal static TurnRecord Of(ConversationKey key, ConversationTurn turn) =>
        new(key.SessionId.StorageName, turn.TurnId, turn.Assistant.Timestamp) { Metadata = turn.Metadata };
}
