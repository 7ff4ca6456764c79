using System.Text.Json.Serialization.Metadata;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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
        return TypedResults.Json(body, ReportType(context), statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    // The app's HTTP JSON options (as before: their encoder leaves the descriptions' apostrophes readable), which resolve the
    // report through ContractsJsonContext under Native AOT; the context's own metadata if they cannot.
    private static JsonTypeInfo<HealthReportResponse> ReportType(HttpContext context) =>
        context.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions is { } json
            && json.TryGetTypeInfo(typeof(HealthReportResponse), out var type) && type is JsonTypeInfo<HealthReportResponse> report
            ? report
            : ContractsJsonContext.Default.HealthReportResponse;

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
