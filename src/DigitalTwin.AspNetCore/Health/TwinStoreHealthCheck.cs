using System.Globalization;
using DigitalTwin.Conversations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Health;

/// <summary>Readiness: every twin's conversation store answers a read of a probe session (which has no messages).</summary>
internal sealed class TwinStoreHealthCheck(IDigitalTwinCatalog catalog, IOptions<DigitalTwinHealthCheckOptions> options) : IHealthCheck
{
    internal static readonly SessionId ProbeSession = SessionId.Parse("health-probe-session");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in catalog.Names)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.StoreTimeout);
            try
            {
                await catalog.Find(name)!.GetConversationAsync(ProbeSession, timeout.Token).ConfigureAwait(false);
                data[name] = "reachable";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"The conversation store of twin '{name}' did not answer within {options.Value.StoreTimeout.TotalSeconds:0.#} s."), data: data);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The conversation store of twin '{name}' could not be read.", ex, data);
            }
        }

        return HealthCheckResult.Healthy("Every twin's conversation store answered.", data);
    }
}
