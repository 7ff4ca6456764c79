using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// The instrumented wrapper of a store that has turn claims: forwards them (recording <c>claim</c> and <c>release</c>
/// durations). Wrapping with <see cref="Wrap"/> keeps the capability truthful: only a store with claims gets a wrapper
/// that implements <see cref="ITurnClaims"/>.
/// </summary>
internal sealed class InstrumentedClaimingStore(IConversationStore inner, ITurnClaims claims, TimeProvider time)
    : InstrumentedConversationStore(inner, time), ITurnClaims
{
    /// <summary>The twin's store, instrumented, implementing <see cref="ITurnClaims"/> exactly when <paramref name="store"/> does.</summary>
    public static InstrumentedConversationStore Wrap(IConversationStore store, TimeProvider time) => store is ITurnClaims claims
        ? new InstrumentedClaimingStore(store, claims, time)
        : new InstrumentedConversationStore(store, time);

    public async ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var started = Started();
        var outcome = "ok";
        try
        {
            var claim = await claims.TryClaimAsync(key, turnId, lease, cancellationToken).ConfigureAwait(false);
            outcome = claim is null ? "held" : "ok";
            return claim;
        }
        catch (Exception ex)
        {
            outcome = Outcome(ex);
            throw;
        }
        finally
        {
            Record("claim", started, outcome);
        }
    }

    public async ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        var started = Started();
        var outcome = "ok";
        try
        {
            await claims.ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = Outcome(ex);
            throw;
        }
        finally
        {
            Record("release", started, outcome);
        }
    }

    private static string Outcome(Exception ex) => ex is ConversationStoreException s ? s.Failure.ToString() : ex.GetType().Name;
}
