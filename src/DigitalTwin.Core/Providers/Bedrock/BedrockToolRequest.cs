using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// The tool parts of a Converse request: <c>toolConfig</c> from <see cref="ChatOptions.Tools"/> and <see cref="ChatOptions.ToolMode"/>,
/// <c>toolUse</c> blocks from <see cref="FunctionCallContent"/> and <c>toolResult</c> blocks from <see cref="FunctionResultContent"/>.
/// JSON goes through JsonElement / JsonNode and <see cref="AIJsonUtilities.DefaultOptions"/> type info only (Native AOT safe).
/// </summary>
internal static class BedrockToolRequest
{
    /// <summary>Sent in place of an exception's text: the model learns the call failed, never the details.</summary>
    public const string FailedResultText = "Error: the tool call failed.";

    /// <summary>JSON written into text for the model: readable, non-ASCII kept as it is.</summary>
    private static readonly JsonSerializerOptions TextJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether the message carries tool calls or results (and so is mapped by <see cref="ContentBlocks"/>).</summary>
    public static bool HasToolContent(ChatMessage message) =>
        message.Contents.Any(c => c is FunctionCallContent or FunctionResultContent);

    /// <summary>
    /// A tool message's content blocks, in order: non-blank text, <c>toolUse</c> and <c>toolResult</c> blocks; with
    /// <paramref name="asText"/>, the calls and results as <c>text</c> blocks instead (for a request without <c>toolConfig</c>).
    /// </summary>
    public static JsonArray ContentBlocks(ChatMessage message, bool asText = false)
    {
        var blocks = new JsonArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { } text } when !string.IsNullOrWhiteSpace(text):
                    blocks.Add((JsonNode)new JsonObject { ["text"] = text });
                    break;
                case FunctionCallContent call when asText:
                    blocks.Add((JsonNode)new JsonObject { ["text"] = $"[called the tool {ToolName(call.Name)} with {ToolUse(call)["input"]?.ToJsonString(TextJson) ?? "{}"}]" });
                    break;
                case FunctionCallContent call:
                    blocks.Add((JsonNode)new JsonObject { ["toolUse"] = ToolUse(call) });
                    break;
                case FunctionResultContent result when asText:
                    blocks.Add((JsonNode)new JsonObject { ["text"] = $"[tool result: {ResultText(result)}]" });
                    break;
                case FunctionResultContent result:
                    blocks.Add((JsonNode)new JsonObject { ["toolResult"] = ToolResult(result) });
                    break;
            }
        }

        return blocks;
    }

    /// <summary>
    /// The <c>toolConfig</c> for the request's function tools, or <see langword="null"/> when there are none or the tool mode is
    /// none. Other tool kinds (hosted tools) have no Converse equivalent and are left out.
    /// </summary>
    public static JsonObject? ToolConfig(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode)
        {
            return null;
        }

        var specs = new JsonArray();
        foreach (var function in tools.OfType<AIFunctionDeclaration>())
        {
            var spec = new JsonObject
            {
                ["name"] = ToolName(function.Name),
                ["inputSchema"] = new JsonObject { ["json"] = JsonNode.Parse(function.JsonSchema.GetRawText()) },
            };
            if (!string.IsNullOrWhiteSpace(function.Description))
            {
                spec["description"] = function.Description;
            }

            specs.Add((JsonNode)new JsonObject { ["toolSpec"] = spec });
        }

        if (specs.Count == 0)
        {
            return null;
        }

        var config = new JsonObject { ["tools"] = specs };
        JsonObject? choice = options.ToolMode switch
        {
            AutoChatToolMode => new JsonObject { ["auto"] = new JsonObject() },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["tool"] = new JsonObject { ["name"] = ToolName(name) } },
            RequiredChatToolMode => new JsonObject { ["any"] = new JsonObject() },
            _ => null, // no mode: Bedrock's default, the model decides
        };
        if (choice is not null)
        {
            config["toolChoice"] = choice;
        }

        return config;
    }

    private static JsonObject ToolUse(FunctionCallContent call)
    {
        var input = call.Arguments is null
            ? new JsonObject()
            : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        return new JsonObject { ["toolUseId"] = call.CallId, ["name"] = ToolName(call.Name), ["input"] = input };
    }

    private static JsonObject ToolResult(FunctionResultContent result)
    {
        var block = new JsonObject { ["toolUseId"] = result.CallId, ["content"] = new JsonArray(ResultContent(result)) };
        if (result.Exception is not null)
        {
            block["status"] = "error";
        }

        return block;
    }

    private static string ResultText(FunctionResultContent result)
    {
        var block = ResultContent(result);
        return block["json"] is { } json ? json.ToJsonString(TextJson) : block["text"]?.GetValue<string>() ?? string.Empty;
    }

    /// <summary>A JSON object result goes as <c>json</c>; anything else (strings, numbers, arrays) as <c>text</c>.</summary>
    private static JsonObject ResultContent(FunctionResultContent result)
    {
        JsonNode? value = result.Result switch
        {
            null => result.Exception is null ? null : FailedResultText,
            string s => JsonValue.Create(s),
            JsonElement element => JsonNode.Parse(element.GetRawText()),
            var other => JsonSerializer.SerializeToNode(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
        };
        return value switch
        {
            JsonObject json => new JsonObject { ["json"] = json },
            JsonValue text when text.TryGetValue<string>(out var s) => new JsonObject { ["text"] = s },
            null => new JsonObject { ["text"] = string.Empty },
            var other => new JsonObject { ["text"] = other.ToJsonString() },
        };
    }

    /// <summary>Converse accepts tool names of 1 to 64 letters, digits, '_' and '-'; anything else is the caller's error.</summary>
    private static string ToolName(string name)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ChatProviderException(
                ChatProviderFailure.InvalidRequest,
                $"Amazon Bedrock tool names must be 1 to 64 ASCII letters, digits, '_' or '-'; '{name}' is not.")
            {
                Provider = BedrockChatClient.ProviderName,
            };
        }

        return name;
    }
}
