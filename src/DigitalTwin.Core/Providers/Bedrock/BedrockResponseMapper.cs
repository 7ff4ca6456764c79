using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>Maps Converse answers and ConverseStream events to Microsoft.Extensions.AI types.</summary>
internal static class BedrockResponseMapper
{
    public const string CacheReadInputTokens = "CacheReadInputTokens";
    public const string CacheWriteInputTokens = "CacheWriteInputTokens";

    /// <summary>
    /// Reads a Converse response body: the text and <c>toolUse</c> blocks of <c>output.message</c> (text first, then the
    /// function calls), the stop reason and the usage.
    /// </summary>
    public static ChatResponse ToChatResponse(JsonElement root, string modelId)
    {
        var text = new StringBuilder();
        var calls = new List<AIContent>();
        if (root.TryGetProperty("output", out var output) && output.TryGetProperty("message", out var message)
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.TryGetProperty("text", out var part) && part.ValueKind == JsonValueKind.String)
                {
                    text.Append(part.GetString());
                }
                else if (block.TryGetProperty("toolUse", out var toolUse))
                {
                    calls.Add(BedrockToolCalls.FromBlock(toolUse));
                }
            }
        }
        else
        {
            throw new JsonException("The Converse response has no output.message.content.");
        }

        var answer = calls.Count == 0
            ? new ChatMessage(ChatRole.Assistant, text.ToString())
            : new ChatMessage(ChatRole.Assistant, text.Length == 0 ? calls : [new TextContent(text.ToString()), .. calls]);
        return new ChatResponse(answer)
        {
            ModelId = modelId,
            FinishReason = root.TryGetProperty("stopReason", out var stop) ? ToFinishReason(stop.GetString()) : null,
            Usage = root.TryGetProperty("usage", out var usage) ? ToUsage(usage) : null,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Maps Bedrock's stop reason to a <see cref="ChatFinishReason"/>; unknown reasons pass through as they are.</summary>
    public static ChatFinishReason? ToFinishReason(string? stopReason) => stopReason switch
    {
        null or "" => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "guardrail_intervened" or "content_filtered" => ChatFinishReason.ContentFilter,
        "tool_use" => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(stopReason),
    };

    /// <summary>Maps <c>TokenUsage</c>; cache reads are the cached input tokens, and both cache counts are kept in AdditionalCounts.</summary>
    public static UsageDetails ToUsage(JsonElement usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = Number(usage, "inputTokens"),
            OutputTokenCount = Number(usage, "outputTokens"),
            TotalTokenCount = Number(usage, "totalTokens"),
        };
        var read = Number(usage, "cacheReadInputTokens");
        var write = Number(usage, "cacheWriteInputTokens");
        if (read is not null || write is not null)
        {
            details.CachedInputTokenCount = read;
            details.AdditionalCounts = new AdditionalPropertiesDictionary<long>
            {
                [CacheReadInputTokens] = read ?? 0,
                [CacheWriteInputTokens] = write ?? 0,
            };
        }

        return details;
    }

    /// <summary>Maps one ConverseStream event to an update, or <see langword="null"/> for events that carry nothing for the caller.</summary>
    public static ChatResponseUpdate? ToUpdate(string eventType, JsonElement payload, string modelId, string responseId) => eventType switch
    {
        "contentBlockDelta" when payload.TryGetProperty("delta", out var delta) && delta.TryGetProperty("text", out var text)
            => Update(modelId, responseId, text.GetString() ?? string.Empty),
        "messageStop" => new ChatResponseUpdate(ChatRole.Assistant, (string?)null)
        {
            ModelId = modelId,
            ResponseId = responseId,
            FinishReason = payload.TryGetProperty("stopReason", out var stop) ? ToFinishReason(stop.GetString()) : null,
        },
        "metadata" when payload.TryGetProperty("usage", out var usage) => new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(ToUsage(usage))])
        {
            ModelId = modelId,
            ResponseId = responseId,
        },
        _ => null,
    };

    private static ChatResponseUpdate Update(string modelId, string responseId, string text) =>
        new(ChatRole.Assistant, text) { ModelId = modelId, ResponseId = responseId };

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
