using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /</c>: what this API is.</summary>
/// <param name="Message">A short description.</param>
/// <param name="Twins">The twins this host serves.</param>
public sealed record ServiceInfoResponse(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("twins")] IReadOnlyCollection<string> Twins);
