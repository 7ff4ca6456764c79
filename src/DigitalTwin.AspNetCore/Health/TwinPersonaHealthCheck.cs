using DigitalTwin.Conversations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalTwin.AspNetCore.Health;

/// <summary>
/// Readiness: every twin's persona is loaded. The persona (files and PDF) is read while the host starts, beside the server's
/// own start, so <c>GET /health</c> (liveness) can answer before it is loaded; this check answers at once, unhealthy
/// until then, and does not wait for it.
/// </summary>
internal sealed class TwinPersonaHealthCheck(IDigitalTwinCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in catalog.Names)
        {
            if (catalog.Find(name)?.GetService<Twin>() is not { } twin)
            {
                continue;
            }

            var prompt = twin.GetPromptAsync();
            if (!prompt.IsCompleted)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"Twin '{name}' is still loading its persona.", data: data));
            }

            if (!prompt.IsCompletedSuccessfully)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"Twin '{name}' could not load its persona; see the log.", data: data));
            }

            data[name] = "loaded";
        }

        return Task.FromResult(HealthCheckResult.Healthy("Every twin's persona is loaded.", data));
    }
}
