namespace DigitalTwin.Diagnostics;

/// <summary>
/// Names of DigitalTwin's telemetry, for OpenTelemetry set-up:
/// <c>.WithTracing(t => t.AddSource(DigitalTwinDiagnostics.ActivitySourceName))</c> and
/// <c>.WithMetrics(m => m.AddMeter(DigitalTwinDiagnostics.MeterName))</c>.
/// </summary>
public static class DigitalTwinDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>DigitalTwin</c>.</summary>
    public const string ActivitySourceName = "DigitalTwin";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>DigitalTwin</c>.</summary>
    public const string MeterName = "DigitalTwin";
}
