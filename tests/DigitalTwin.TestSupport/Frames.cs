using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Testing;

/// <summary>Event-stream frames made by the official @smithy/eventstream-codec (via tests/tools/bedrock/encode-frames.mjs).</summary>
public static class Frames
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Cache = new();

    public static JsonObject Event(string type, object payload) => Frame("event", type, payload);

    public static JsonObject Exception(string type, string message) => Frame("exception", type, new { message });

    /// <summary>A typical ConverseStream answer: messageStart, two text deltas, contentBlockStop, messageStop, metadata.</summary>
    public static JsonObject[] Conversation(string first, string second, string stopReason = "end_turn") =>
    [
        Event("messageStart", new { role = "assistant" }),
        Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text = first } }),
        Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text = second } }),
        Event("contentBlockStop", new { contentBlockIndex = 0 }),
        Event("messageStop", new { stopReason }),
        Event("metadata", new
        {
            usage = new { inputTokens = 1234, outputTokens = 56, totalTokens = 1290, cacheReadInputTokens = 1000, cacheWriteInputTokens = 7 },
            metrics = new { latencyMs = 321 },
        }),
    ];

    /// <summary>
    /// A ConverseStream answer that calls a tool: optional text in block 0, then a toolUse block (contentBlockStart with the
    /// id and name, one delta per input fragment, contentBlockStop), messageStop with tool_use and metadata.
    /// </summary>
    public static JsonObject[] ToolUse(string? text, string toolUseId, string name, params string[] inputFragments)
    {
        var index = text is null ? 0 : 1;
        var frames = new List<JsonObject> { Event("messageStart", new { role = "assistant" }) };
        if (text is not null)
        {
            frames.Add(Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text } }));
            frames.Add(Event("contentBlockStop", new { contentBlockIndex = 0 }));
        }

        frames.Add(Event("contentBlockStart", new { contentBlockIndex = index, start = new { toolUse = new { toolUseId, name } } }));
        frames.AddRange(inputFragments.Select(input => Event("contentBlockDelta", new { contentBlockIndex = index, delta = new { toolUse = new { input } } })));
        frames.Add(Event("contentBlockStop", new { contentBlockIndex = index }));
        frames.Add(Event("messageStop", new { stopReason = "tool_use" }));
        frames.Add(Event("metadata", new { usage = new { inputTokens = 10, outputTokens = 5, totalTokens = 15 }, metrics = new { latencyMs = 12 } }));
        return [.. frames];
    }

    public static Task<byte[]> EncodeAsync(params JsonObject[] frames)
    {
        var spec = new JsonArray(frames.Select(f => (JsonNode)f.DeepClone()).ToArray()).ToJsonString();
        return Cache.GetOrAdd(spec, s => new Lazy<Task<byte[]>>(() => RunAsync(s))).Value;
    }

    private static async Task<byte[]> RunAsync(string spec)
    {
        using var dir = new TempDirectory();
        var specPath = Path.Combine(dir.Path, "spec.json");
        var outPath = Path.Combine(dir.Path, "frames.bin");
        await File.WriteAllTextAsync(specPath, spec);
        await NodeTools.RunAsync("bedrock", "encode-frames.mjs", specPath, outPath);
        return await File.ReadAllBytesAsync(outPath);
    }

    private static JsonObject Frame(string messageType, string type, object payload) => new()
    {
        ["messageType"] = messageType,
        ["type"] = type,
        ["payload"] = JsonSerializer.SerializeToNode(payload),
    };
}
