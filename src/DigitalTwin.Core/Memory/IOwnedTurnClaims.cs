using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// The built-in stores' claims, which also take a caller-chosen owner token: a claim held by the same owner is granted again
/// (as when the SDK retried a write whose answer was lost). Idempotency keys use it to record which request first used a
/// key, with the request's fingerprint as the owner (<see cref="Conversations.IdempotencyKeyRegistry"/>).
/// </summary>
internal interface IOwnedTurnClaims : ITurnClaims
{
    /// <summary>
    /// Claims turn <paramref name="turnId"/> of <paramref name="key"/> for <paramref name="owner"/> until now + <paramref name="lease"/>.
    /// Returns the claim when it was free, expired or already held by <paramref name="owner"/>; <see langword="null"/> when another
    /// owner holds it.
    /// </summary>
    ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);
}
