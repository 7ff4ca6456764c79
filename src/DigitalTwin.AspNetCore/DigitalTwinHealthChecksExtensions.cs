using DigitalTwin;
using DigitalTwin.AspNetCore;
using DigitalTwin.AspNetCore.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DigitalTwin readiness checks with ASP.NET Core health checks.</summary>
public static class DigitalTwinHealthChecksExtensions
{
    /// <summary>The tag of the checks <c>GET /health/ready</c> runs; tag your own checks with it to include them.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers readiness checks for every twin — its conversation store answers a read, its model provider is configured,
    /// its persona is loaded (it is read while the host starts, so <c>GET /health</c> may answer before), and optionally (<see cref="DigitalTwinHealthCheckOptions.ProbeProvider"/>) its model answers a one-token call — so that
    /// <c>MapDigitalTwin</c> maps <c>GET /health/ready</c>. Settings come from <c>DigitalTwin:Health</c>, then
    /// <paramref name="configure"/>. Calling it more than once registers the checks once.
    /// </summary>
    /// <returns>The same builder, to go on configuring the twin.</returns>
    public static IDigitalTwinBuilder AddDigitalTwinHealthChecks(this IDigitalTwinBuilder builder, Action<DigitalTwinHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DigitalTwinHealthCheckOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(DigitalTwinHealthChecksMarker)))
        {
            return builder;
        }

        services.TryAddSingleton<DigitalTwinHealthChecksMarker>();
        options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection($"{DigitalTwinDefaults.ConfigurationSection}:Health").Bind(o));
        options.Validate(o => o.ProbeTimeout > TimeSpan.Zero && o.StoreTimeout > TimeSpan.Zero, "DigitalTwin:Health:ProbeTimeout and StoreTimeout must be positive.").ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<TwinStoreHealthCheck>("digitaltwin-store", tags: [ReadyTag])
            .AddCheck<TwinProviderHealthCheck>("digitaltwin-provider", tags: [ReadyTag])
            .AddCheck<TwinPersonaHealthCheck>("digitaltwin-persona", tags: [ReadyTag]);
        return builder;
    }
}
