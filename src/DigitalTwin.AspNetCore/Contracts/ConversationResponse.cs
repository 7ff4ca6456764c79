using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /conversation/{session_id}</c>: the whole conversation, oldest message first.</summary>
/// <param name="SessionId">The session read.</param>
/// <param name="Messages">Its messages; empty for an unknown session.</param>
public sealed record ConversationResponse(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("messages")] IReadOnlyList<ConversationMessageResponse> Messages);
