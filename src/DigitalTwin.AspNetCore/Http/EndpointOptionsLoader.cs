using DigitalTwin.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>Builds and checks <see cref="DigitalTwinEndpointOptions"/> when the endpoints are mapped.</summary>
internal static class EndpointOptionsLoader
{
    public static DigitalTwinEndpointOptions Load(IServiceProvider services, Action<DigitalTwinEndpointOptions>? configure)
    {
        var configuration = services.GetService<IConfiguration>();
        var options = new DigitalTwinEndpointOptions();
        configuration?.GetSection($"{DigitalTwinDefaults.ConfigurationSection}:Web").Bind(options);
        if (TwinConfiguration.Setting(configuration, "CORS_ORIGINS") is { } origins)
        {
            options.CorsOrigins.Clear();
            foreach (var origin in origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.CorsOrigins.Add(origin);
            }
        }

        configure?.Invoke(options);
        var errors = Validate(options);
        return errors.Count == 0
            ? options
            : throw new InvalidOperationException("DigitalTwin web settings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => " - " + e)));
    }

    internal static List<string> Validate(DigitalTwinEndpointOptions options)
    {
        var errors = new List<string>();
        foreach (var origin in options.CorsOrigins)
        {
            if (origin == "*")
            {
                if (options.CorsAllowCredentials)
                {
                    errors.Add("CORS origin '*' cannot be combined with CorsAllowCredentials: list the exact origins instead.");
                }

                continue;
            }

            if (origin.Contains('*', StringComparison.Ordinal))
            {
                errors.Add($"CORS origin '{origin}' has a wildcard: list exact origins, or use '*' alone without credentials.");
            }
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"CORS origin '{origin}' needs a scheme: write it as https://host[:port] (CORS_ORIGINS or DigitalTwin:Web:CorsOrigins).");
            }
            else if (origin.EndsWith('/') || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            {
                errors.Add($"CORS origin '{origin}' must be scheme, host and port only, with no path or trailing slash: {uri.GetLeftPart(UriPartial.Authority)}");
            }
        }

        if (options.MaxRequestBodySize is < 1024 or > 10 * 1024 * 1024)
        {
            errors.Add($"DigitalTwin:Web:MaxRequestBodySize is {options.MaxRequestBodySize}: use 1024 to 10485760 bytes (default 65536).");
        }

        if (options.RateLimit.PermitsPerMinutePerIp < 0 || options.RateLimit.PermitsPerMinutePerSession < 0)
        {
            errors.Add("DigitalTwin:Web:RateLimit permits cannot be negative: use 0 for no limit.");
        }

        if (options.ApiKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Trim().Length < 16))
        {
            errors.Add("DigitalTwin:Web:ApiKeys has a key shorter than 16 characters: use long random keys (for example 32 hex characters).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader))
        {
            errors.Add("DigitalTwin:Web:ApiKeyHeader is empty: set a header name such as X-API-Key.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantHeader))
        {
            errors.Add("DigitalTwin:Web:TenantHeader is empty: set a header name such as X-Tenant-ID.");
        }

        return errors;
    }
}
