using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>One message of a conversation.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text.</param>
/// <param name="Timestamp">When it was written (ISO 8601, UTC).</param>
public sealed record ConversationMessageResponse(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp);
