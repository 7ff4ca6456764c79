using System.Diagnostics.Metrics;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// DigitalTwin's own instruments, under <c>digitaltwin.*</c>: what Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>
/// (gen_ai spans, <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>, time to first chunk) does not cover.
/// </summary>
internal static class TwinTelemetry
{
    private static readonly Meter Meter = new(DigitalTwinDiagnostics.MeterName);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("digitaltwin.turns", "{turn}", "Turns answered and stored, by twin.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("digitaltwin.errors", "{error}", "Model calls that failed a turn, by twin and error.type.");

    public static readonly Counter<long> IdempotencyWaits = Meter.CreateCounter<long>(
        "digitaltwin.idempotency.waits", "{request}",
        "Repeated turn ids that found the turn claimed by another request and waited, by twin and outcome (replayed, claimed or timed_out).");

    public static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>(
        "digitaltwin.store.duration", "s", "Duration of conversation store operations, by operation (read, append, claim or release) and store.");
}
