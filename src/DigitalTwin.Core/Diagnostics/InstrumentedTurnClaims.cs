using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Diagnostics;

/// <summary>A store's turn claims, recording <c>claim</c> (outcome <c>held</c> when refused) and <c>release</c> durations.</summary>
internal sealed class InstrumentedTurnClaims(ITurnClaims inner, StoreTimer timer) : ITurnClaims
{
    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        timer.TimeAsync("claim", () => inner.TryClaimAsync(key, turnId, lease, cancellationToken), static claim => claim is null ? "held" : "ok");

    public ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default) =>
        timer.TimeAsync("release", () => inner.ReleaseAsync(claim, cancellationToken));
}
