using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>POST /chat</c>.</summary>
/// <param name="Response">The twin's answer.</param>
/// <param name="SessionId">The session the turn was stored under; send it with the next message.</param>
public sealed record ChatResponse(
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("session_id")] string SessionId);
