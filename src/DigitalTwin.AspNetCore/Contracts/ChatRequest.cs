using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The body of <c>POST /chat</c>: the visitor's message and, to continue a conversation, its session id.</summary>
/// <param name="Message">What the visitor wrote (1 to <c>MaxMessageLength</c> characters).</param>
/// <param name="SessionId">The session to continue; omit to start a new one.</param>
public sealed record ChatRequest(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("session_id")] string? SessionId = null);
