using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary><c>GET /health</c> (liveness: no checks run) and <c>GET /health/ready</c> (the checks tagged <c>ready</c>).</summary>
internal static class HealthEndpoints
{
    public static async Task<IResult> LiveAsync(HttpContext context, HealthCheckService? health)
    {
        // Liveness runs no checks (the predicate selects none): it answers while the process serves requests.
        if (health is not null)
        {
            await health.CheckHealthAsync(_ => false, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new HealthResponse("healthy"), ContractsJsonContext.Default.HealthResponse);
    }

    public static async Task<IResult> ReadyAsync(HttpContext context, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(
            r => r.Tags.Contains(Microsoft.Extensions.DependencyInjection.DigitalTwinHealthChecksExtensions.ReadyTag),
            context.RequestAborted).ConfigureAwait(false);
        var body = new HealthReportResponse(
            Name(report.Status),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.Select(e => new HealthCheckEntryResponse(e.Key, Name(e.Value.Status), e.Value.Description, e.Value.Duration.TotalMilliseconds))]);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(body, ContractsJsonContext.Default.HealthReportResponse, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
