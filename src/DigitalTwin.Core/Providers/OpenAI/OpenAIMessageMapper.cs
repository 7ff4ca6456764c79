using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;
using OAI = OpenAI.Chat;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>Maps between Microsoft.Extensions.AI types and the OpenAI SDK's chat types.</summary>
internal static class OpenAIMessageMapper
{
    public static List<OAI.ChatMessage> ToOpenAI(IEnumerable<AI.ChatMessage> messages)
    {
        var result = new List<OAI.ChatMessage>();
        foreach (var message in messages)
        {
            var text = message.Text;
            if (message.Role == ChatRole.System)
            {
                result.Add(new OAI.SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(new OAI.AssistantChatMessage(text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new OAI.UserChatMessage(text));
            }
            else
            {
                throw new ArgumentException($"The OpenAI provider does not send messages of role '{message.Role}'.", nameof(messages));
            }
        }

        return result;
    }

    public static ChatFinishReason? ToFinishReason(OAI.ChatFinishReason? reason) => reason switch
    {
        null => null,
        OAI.ChatFinishReason.Stop => ChatFinishReason.Stop,
        OAI.ChatFinishReason.Length => ChatFinishReason.Length,
        OAI.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        OAI.ChatFinishReason.ToolCalls or OAI.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason.Value.ToString().ToLowerInvariant()),
    };

    public static UsageDetails? ToUsage(OAI.ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
    };

    public static ChatResponseUpdate ToUpdate(OAI.StreamingChatCompletionUpdate update)
    {
        var contents = new List<AIContent>();
        var text = string.Concat(update.ContentUpdate.Where(p => p.Kind == OAI.ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        if (ToUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ModelId = update.Model,
            ResponseId = update.CompletionId,
            CreatedAt = update.CreatedAt,
            FinishReason = ToFinishReason(update.FinishReason),
        };
    }
}
