using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /health/ready</c>: 200 when every check passed, 503 otherwise.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="TotalDurationMs">How long the checks took, in milliseconds.</param>
/// <param name="Checks">Each check's result.</param>
public sealed record HealthReportResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("total_duration_ms")] double TotalDurationMs,
    [property: JsonPropertyName("checks")] IReadOnlyList<HealthCheckEntryResponse> Checks);
