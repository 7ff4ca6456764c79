using DigitalTwin.Memory;

namespace DigitalTwin.Diagnostics;

/// <summary>Times one store's operations into <c>digitaltwin.store.duration</c>, tagged with the operation, the store and the outcome.</summary>
internal sealed class StoreTimer(string storeName, TimeProvider time)
{
    public async ValueTask TimeAsync(string operation, Func<ValueTask> call)
    {
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = Outcome(ex);
            throw;
        }
        finally
        {
            Record(operation, started, outcome);
        }
    }

    public async ValueTask<T> TimeAsync<T>(string operation, Func<ValueTask<T>> call, Func<T, string> outcomeOf)
    {
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = outcomeOf(result);
            return result;
        }
        catch (Exception ex)
        {
            outcome = Outcome(ex);
            throw;
        }
        finally
        {
            Record(operation, started, outcome);
        }
    }

    private static string Outcome(Exception ex) => ex is ConversationStoreException s ? s.Failure.ToString() : ex.GetType().Name;

    private void Record(string operation, long started, string outcome) =>
        TwinTelemetry.StoreDuration.Record(time.GetElapsedTime(started).TotalSeconds, [
            new("digitaltwin.store.operation", operation), new("digitaltwin.store", storeName), new("digitaltwin.store.outcome", outcome)]);
}
