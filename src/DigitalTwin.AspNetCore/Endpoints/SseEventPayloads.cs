using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Endpoints;

// The JSON of the /chat/stream events, field for field (nulls included) as the endpoint has always sent them.

/// <summary>The <c>session</c> event.</summary>
internal sealed record SessionEventPayload([property: JsonPropertyName("session_id")] string SessionId);

/// <summary>A <c>delta</c> event: the next piece of the answer.</summary>
internal sealed record DeltaEventPayload([property: JsonPropertyName("text")] string? Text);

/// <summary>The <c>done</c> event.</summary>
internal sealed record DoneEventPayload(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("turn_id")] string? TurnId,
    [property: JsonPropertyName("finish_reason")] string? FinishReason,
    [property: JsonPropertyName("usage")] UsagePayload? Usage);

/// <summary>The token counts of a <c>done</c> event.</summary>
internal sealed record UsagePayload(
    [property: JsonPropertyName("input_tokens")] long? InputTokens,
    [property: JsonPropertyName("output_tokens")] long? OutputTokens,
    [property: JsonPropertyName("total_tokens")] long? TotalTokens);

/// <summary>The <c>error</c> event.</summary>
internal sealed record ErrorEventPayload(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail);
