using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Applies the configured origin allowlist with ASP.NET Core's CORS engine inside the route group, so the endpoints need
/// no <c>UseCors()</c> call in the app's pipeline: an endpoint filter for actual requests and OPTIONS endpoints for preflights.
/// </summary>
internal sealed class CorsSupport
{
    private readonly CorsPolicy _policy;
    private readonly ICorsService _cors;

    public CorsSupport(IServiceProvider services, DigitalTwinEndpointOptions options)
    {
        var builder = new CorsPolicyBuilder()
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept", "Authorization", "Idempotency-Key", options.TenantHeader, options.ApiKeyHeader, "Last-Event-ID")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
        if (options.CorsOrigins.Contains("*"))
        {
            builder.AllowAnyOrigin();
        }
        else
        {
            builder.WithOrigins([.. options.CorsOrigins]);
        }

        if (options.CorsAllowCredentials)
        {
            builder.AllowCredentials();
        }

        _policy = builder.Build();
        _cors = services.GetService<ICorsService>()
            ?? new CorsService(Options.Create(new CorsOptions()), services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
    }

    public bool Enabled => _policy.Origins.Count > 0 || _policy.AllowAnyOrigin;

    public void Apply(HttpContext context)
    {
        if (context.Request.Headers.Origin.Count > 0)
        {
            _cors.ApplyResult(_cors.EvaluatePolicy(context, _policy), context.Response);
        }
    }

    public IResult Preflight(HttpContext context)
    {
        Apply(context);
        return Results.NoContent();
    }
}
