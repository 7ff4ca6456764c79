using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /health</c>.</summary>
/// <param name="Status"><c>healthy</c> while the process serves requests.</param>
public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);
