namespace DigitalTwin.AspNetCore;

/// <summary>
/// Settings of the readiness checks registered by <c>AddDigitalTwinHealthChecks</c>, bound from <c>DigitalTwin:Health</c>
/// and then the delegate given to it.
/// </summary>
public sealed class DigitalTwinHealthCheckOptions
{
    /// <summary>
    /// Whether <c>GET /health/ready</c> also asks each twin's model for a one-token answer (the "test connection" check).
    /// It costs a small model call on every probe, so it is off by default: point only a manual or rare check at it.
    /// </summary>
    public bool ProbeProvider { get; set; }

    /// <summary>How long the live provider probe may take before it counts as failed. Default 10 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the store check may take before it counts as failed. Default 5 seconds.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
