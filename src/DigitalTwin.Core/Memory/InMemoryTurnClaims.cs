using System.Collections.Concurrent;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>The in-memory store's turn claims: a dictionary of live claims, each replaced atomically once it has expired.</summary>
internal sealed class InMemoryTurnClaims(TimeProvider time) : IOwnedTurnClaims
{
    private readonly ConcurrentDictionary<(ConversationKey Key, string TurnId), TurnClaim> _claims = new();

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        TryClaimAsync(key, turnId, TurnClaimRecord.NewOwner(), lease, cancellationToken);

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TryClaim(key, turnId, owner, lease));
    }

    public ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        Release(claim);
        return ValueTask.CompletedTask;
    }

    private TurnClaim? TryClaim(ConversationKey key, string turnId, string owner, TimeSpan lease)
    {
        TurnClaimRecord.Validate(turnId, lease);
        var now = time.GetUtcNow();
        var mine = new TurnClaimRecord(owner, now + lease);
        var slot = (key, turnId);
        while (true)
        {
            var fresh = mine.ToClaim(key, turnId, tookOver: false);
            if (_claims.TryAdd(slot, fresh))
            {
                return fresh;
            }

            if (!_claims.TryGetValue(slot, out var held))
            {
                continue; // released meanwhile: add it again
            }

            if (held.ExpiresAt > now)
            {
                return string.Equals(held.Owner, owner, StringComparison.Ordinal) ? held : null;
            }

            var takeover = mine.ToClaim(key, turnId, tookOver: true);
            if (_claims.TryUpdate(slot, takeover, held))
            {
                return takeover;
            }

            // Another claimer replaced or released the expired claim first: look again.
        }
    }

    private void Release(TurnClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var slot = (claim.Key, claim.TurnId);
        if (_claims.TryGetValue(slot, out var held) && string.Equals(held.Owner, claim.Owner, StringComparison.Ordinal))
        {
            _claims.TryRemove(new KeyValuePair<(ConversationKey, string), TurnClaim>(slot, held));
        }
    }
}
