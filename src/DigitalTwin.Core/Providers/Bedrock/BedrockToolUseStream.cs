using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// The tool calls of one ConverseStream answer: <c>contentBlockStart</c> with <c>start.toolUse</c> opens a call, the block's
/// <c>delta.toolUse.input</c> fragments are collected, and at <c>contentBlockStop</c> the call comes out as one update.
/// </summary>
internal sealed class BedrockToolUseStream
{
    private readonly Dictionary<int, (string? CallId, string? Name, StringBuilder Input)> _open = [];

    /// <summary>
    /// Handles the event when it belongs to a tool block: <see langword="true"/> with the finished call's update at the block's
    /// stop (and a <see langword="null"/> update before); <see langword="false"/> for every other event.
    /// </summary>
    public bool TryHandle(string eventType, JsonElement payload, string modelId, string responseId, out ChatResponseUpdate? update)
    {
        update = null;
        if (!payload.TryGetProperty("contentBlockIndex", out var indexElement) || !indexElement.TryGetInt32(out var index))
        {
            return false;
        }

        switch (eventType)
        {
            case "contentBlockStart" when payload.TryGetProperty("start", out var start) && start.TryGetProperty("toolUse", out var toolUse):
                _open[index] = (
                    toolUse.TryGetProperty("toolUseId", out var id) ? id.GetString() : null,
                    toolUse.TryGetProperty("name", out var name) ? name.GetString() : null,
                    new StringBuilder());
                return true;
            case "contentBlockDelta" when _open.TryGetValue(index, out var call) && payload.TryGetProperty("delta", out var delta)
                && delta.TryGetProperty("toolUse", out var toolDelta):
                call.Input.Append(toolDelta.TryGetProperty("input", out var input) ? input.GetString() : null);
                return true;
            case "contentBlockStop" when _open.Remove(index, out var done):
                update = new ChatResponseUpdate(ChatRole.Assistant, [BedrockToolCalls.Create(done.CallId, done.Name, done.Input.ToString())])
                {
                    ModelId = modelId,
                    ResponseId = responseId,
                };
                return true;
            default:
                return false;
        }
    }
}
