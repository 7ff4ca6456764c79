using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// DigitalTwin's activity source and instruments. Model calls follow the OpenTelemetry gen_ai semantic conventions
/// (span <c>chat {model}</c>, <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>,
/// <c>gen_ai.client.operation.time_to_first_chunk</c>); twin-level instruments are under <c>digitaltwin.*</c>.
/// </summary>
internal static class TwinTelemetry
{
    public static readonly ActivitySource Source = new(DigitalTwinDiagnostics.ActivitySourceName);

    private static readonly Meter Meter = new(DigitalTwinDiagnostics.MeterName);

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of model calls.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used by model calls, by gen_ai.token.type (input or output).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] });

    public static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.time_to_first_chunk", "s", "Time from the start of a streamed model call to its first text.");

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("digitaltwin.turns", "{turn}", "Turns answered and stored, by twin.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("digitaltwin.errors", "{error}", "Model calls that failed a turn, by twin and error.type.");

    public static readonly Counter<long> IdempotencyWaits = Meter.CreateCounter<long>(
        "digitaltwin.idempotency.waits", "{request}",
        "Repeated turn ids that found the turn claimed by another request and waited, by twin and outcome (replayed, claimed or timed_out).");

    public static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>(
        "digitaltwin.store.duration", "s", "Duration of conversation store operations, by operation (read, append, claim or release) and store.");

    /// <summary>Starts the client span of a model call, with the gen_ai request attributes.</summary>
    public static Activity? StartChat(string? provider, string? model, string twin, bool streaming)
    {
        var activity = Source.StartActivity(model is null ? "chat" : "chat " + model, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.provider.name", provider);
            activity.SetTag("gen_ai.request.model", model);
            activity.SetTag("digitaltwin.twin", twin);
            activity.SetTag("digitaltwin.streaming", streaming);
        }

        return activity;
    }

    public static TagList Tags(string twin, string? provider, string? model) => new()
    {
        { "gen_ai.operation.name", "chat" },
        { "gen_ai.provider.name", provider },
        { "gen_ai.request.model", model },
        { "digitaltwin.twin", twin },
    };
}
