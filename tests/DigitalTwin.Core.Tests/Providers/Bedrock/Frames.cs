using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTwin.Core.Tests.Support;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Event-stream frames made by the official @smithy/eventstream-codec (via tests/tools/bedrock/encode-frames.mjs).</summary>
internal static class Frames
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
        await NodeTools.RunAsync("encode-frames.mjs", specPath, outPath);
        return await File.ReadAllBytesAsync(outPath);
    }

    private static JsonObject Frame(string messageType, string type, object payload) => new()
    {
        ["messageType"] = messageType,
        ["type"] = type,
        ["payload"] = JsonSerializer.SerializeToNode(payload),
    };
}
