using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// A conversation store's claims on idempotent turns, so hosts sharing the store agree which one produces a turn: a host
/// claims a turn id before calling the model and releases the claim once the turn is stored (or has failed). Another host
/// receiving the same turn id meanwhile is refused the claim and waits for the stored turn instead of calling the model
/// again. A claim lapses after its lease, so a host that crashed while holding one blocks nobody for longer than that.
/// The file, in-memory, S3 and DynamoDB stores implement it; stores without it keep turns idempotent only once stored.
/// </summary>
public interface ITurnClaims
{
    /// <summary>
    /// Atomically records that the caller is producing the turn <paramref name="turnId"/> of <paramref name="key"/> until
    /// now + <paramref name="lease"/>. Of any number of hosts claiming the same turn at once, exactly one succeeds. An expired
    /// claim (its holder crashed or overran its lease) is taken over, again by exactly one claimer.
    /// </summary>
    /// <param name="key">The conversation the turn belongs to.</param>
    /// <param name="turnId">The client's turn id (<c>Idempotency-Key</c>).</param>
    /// <param name="lease">How long the claim holds unless released; must be positive.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The claim, or <see langword="null"/> when another live claim holds the turn.</returns>
    /// <exception cref="ConversationStoreException">The store could not be reached.</exception>
    ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes <paramref name="claim"/> if the store still holds this very claim (same <see cref="TurnClaim.Owner"/>); a claim
    /// taken over by someone else meanwhile is left alone. Best effort: a claim that is not released lapses after its lease.
    /// </summary>
    /// <param name="claim">A claim returned by <see cref="TryClaimAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the release.</param>
    /// <exception cref="ConversationStoreException">The store could not be reached.</exception>
    ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default);
}
