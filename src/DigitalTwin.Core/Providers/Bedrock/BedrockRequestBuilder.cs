using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>Builds the JSON body of Converse / ConverseStream (the two take the same body) from chat messages and options.</summary>
internal static class BedrockRequestBuilder
{
    /// <summary>
    /// System messages (then <see cref="ChatOptions.Instructions"/>) become <c>system</c> blocks, followed by a cache point
    /// when caching is on; the rest become
    /// <c>messages</c> that start with a user turn and alternate (consecutive same-role messages are merged, blank text dropped).
    /// Function calls become <c>toolUse</c> blocks, tool results <c>toolResult</c> blocks of a user turn, and function tools
    /// the <c>toolConfig</c> (see <see cref="BedrockToolRequest"/>).
    /// </summary>
    public static JsonObject Build(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, BedrockOptions options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var system = new JsonArray();
        var turns = new List<(string Role, JsonArray Content)>();
        var toolConfig = BedrockToolRequest.ToolConfig(chatOptions);
        foreach (var message in messages)
        {
            if (BedrockToolRequest.HasToolContent(message))
            {
                AddToolTurn(turns, message, asText: toolConfig is null);
                continue;
            }

            var text = message.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (message.Role == ChatRole.System)
            {
                AddText(system, text);
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (turns.Count == 0 && role == "assistant")
            {
                continue; // a conversation must open with the user
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                AddText(turns[^1].Content, text);
            }
            else
            {
                var content = new JsonArray();
                AddText(content, text);
                turns.Add((role, content));
            }
        }

        if (!string.IsNullOrWhiteSpace(chatOptions?.Instructions))
        {
            AddText(system, chatOptions.Instructions);
        }

        if (turns.Count == 0)
        {
            throw new ChatProviderException(ChatProviderFailure.InvalidRequest, "The conversation has no user message with text to send to Amazon Bedrock.")
            {
                Provider = BedrockChatClient.ProviderName,
            };
        }

        var body = new JsonObject
        {
            ["messages"] = new JsonArray(turns.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = t.Content }).ToArray()),
        };
        if (system.Count > 0)
        {
            if (options.EnablePromptCaching)
            {
                system.Add((JsonNode)new JsonObject { ["cachePoint"] = new JsonObject { ["type"] = "default" } });
            }

            body["system"] = system;
        }

        body["inferenceConfig"] = InferenceConfig(chatOptions, options);
        if (toolConfig is not null)
        {
            body["toolConfig"] = toolConfig;
        }

        if (!string.IsNullOrWhiteSpace(options.GuardrailIdentifier))
        {
            var guardrail = new JsonObject
            {
                ["guardrailIdentifier"] = options.GuardrailIdentifier,
                ["guardrailVersion"] = options.GuardrailVersion,
            };
            if (!string.IsNullOrWhiteSpace(options.GuardrailTrace))
            {
                guardrail["trace"] = options.GuardrailTrace;
            }

            body["guardrailConfig"] = guardrail;
        }

        return body;
    }

    /// <summary>
    /// A message with tool calls (assistant) or tool results (tool role, sent as user): its blocks join the previous turn
    /// when it has the same role, like text does. Converse refuses <c>toolUse</c>/<c>toolResult</c> blocks in a request without a
    /// <c>toolConfig</c> (as function invocation's last, tool-less request is), so there they go as text (<paramref name="asText"/>).
    /// </summary>
    private static void AddToolTurn(List<(string Role, JsonArray Content)> turns, ChatMessage message, bool asText)
    {
        var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
        var blocks = BedrockToolRequest.ContentBlocks(message, asText);
        if (blocks.Count == 0 || (turns.Count == 0 && role == "assistant"))
        {
            return; // a conversation must open with the user
        }

        if (turns.Count > 0 && turns[^1].Role == role)
        {
            foreach (var block in blocks.ToArray())
            {
                blocks.Remove(block);
                turns[^1].Content.Add(block);
            }
        }
        else
        {
            turns.Add((role, blocks));
        }
    }

    // The cast picks JsonArray.Add(JsonNode), not the generic Add<T> that needs serializer metadata (Native AOT).
    private static void AddText(JsonArray blocks, string text) => blocks.Add((JsonNode)new JsonObject { ["text"] = text });

    private static JsonObject InferenceConfig(ChatOptions? chatOptions, BedrockOptions options)
    {
        var config = new JsonObject
        {
            ["maxTokens"] = chatOptions?.MaxOutputTokens ?? options.MaxTokens,
            ["temperature"] = chatOptions?.Temperature ?? options.Temperature,
            ["topP"] = chatOptions?.TopP ?? options.TopP,
        };
        if (chatOptions?.StopSequences is { Count: > 0 } stops)
        {
            config["stopSequences"] = new JsonArray(stops.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        return config;
    }
}
