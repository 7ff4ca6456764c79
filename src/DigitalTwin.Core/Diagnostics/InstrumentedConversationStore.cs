using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// Records <c>digitaltwin.store.duration</c> for every store operation of a twin. <see cref="InstrumentedClaimingStore"/>
/// adds the store's turn claims when it has them.
/// </summary>
internal class InstrumentedConversationStore(IConversationStore inner, TimeProvider time) : IConversationStore
{
    private readonly string _storeName = inner.GetType().Name;

    public async ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            await inner.AppendAsync(key, turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = ex is ConversationStoreException s ? s.Failure.ToString() : ex.GetType().Name;
            throw;
        }
        finally
        {
            Record("append", started, outcome);
        }
    }

    public async ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await inner.ReadLatestAsync(key, maxTurns, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = ex is ConversationStoreException s ? s.Failure.ToString() : ex.GetType().Name;
            throw;
        }
        finally
        {
            Record("read", started, outcome);
        }
    }

    private protected long Started() => time.GetTimestamp();

    private protected void Record(string operation, long started, string outcome) =>
        TwinTelemetry.StoreDuration.Record(time.GetElapsedTime(started).TotalSeconds, [
            new("digitaltwin.store.operation", operation), new("digitaltwin.store", _storeName), new("digitaltwin.store.outcome", outcome)]);
}
