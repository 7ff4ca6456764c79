namespace DigitalTwin.AspNetCore;

/// <summary>Settings of the analytics endpoint mapped by <c>MapDigitalTwinAnalytics</c>.</summary>
public sealed class DigitalTwinAnalyticsEndpointOptions
{
    /// <summary>
    /// The authorization policy callers must satisfy. Default <see langword="null"/>: the app's default policy (an
    /// authenticated user). The endpoint always requires authorization; narrow it with a policy such as <c>"Admins"</c>.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>The period summarised when the request gives no <c>from</c>: the last 7 days. Default 7 days.</summary>
    public TimeSpan DefaultPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest period one request may summarise (a longer one is a 400). Default 366 days.</summary>
    public TimeSpan MaxPeriod { get; set; } = TimeSpan.FromDays(366);

    /// <summary>The options <paramref name="configure"/> makes, checked; throws with what to change.</summary>
    internal static DigitalTwinAnalyticsEndpointOptions Create(Action<DigitalTwinAnalyticsEndpointOptions>? configure)
    {
        var options = new DigitalTwinAnalyticsEndpointOptions();
        configure?.Invoke(options);
        if (options.DefaultPeriod <= TimeSpan.Zero || options.MaxPeriod < options.DefaultPeriod)
        {
            throw new InvalidOperationException($"DigitalTwinAnalyticsEndpointOptions: DefaultPeriod ({options.DefaultPeriod}) must be positive and no longer than MaxPeriod ({options.MaxPeriod}).");
        }

        return options;
    }
}
