using DigitalTwin.Memory;

namespace DigitalTwin.Conversations;

/// <summary>
/// How an idempotent turn starts: with its stored answer (<see cref="Replay"/>: nothing more to do), or with the session's
/// recent turns and, when the store has claims, this request's <see cref="Claim"/> on producing the turn (released by
/// <see cref="IdempotentTurns.EndAsync"/> once the turn is stored or has failed).
/// </summary>
internal readonly record struct TurnStart(TwinReply? Replay, IReadOnlyList<ConversationTurn> Recent, TurnClaim? Claim);
