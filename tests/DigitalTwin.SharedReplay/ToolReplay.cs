using System.Buffers.Binary;

namespace DigitalTwin.SharedReplay;

/// <summary>
/// Tool calls against the corpus: request bodies with tools, tool choices, toolUse and toolResult blocks fit the API model's
/// ConverseRequest shape, and the recorded streamed tool call (converse-stream/*tool-call.chunks.jsonl) reads as the SDK read it.
/// </summary>
internal static class ToolReplay
{
    public static async Task RunAsync(string root, Report report)
    {
        Report.Section("Tool calls (bedrock-runtime.service-2.json, converse-stream/*tool-call*)");
        var validator = await ShapeValidator.LoadAsync(root);
        foreach (var (label, mode) in new (string, ChatToolMode?)[] { ("no mode", null), ("auto", ChatToolMode.Auto), ("any", ChatToolMode.RequireAny), ("specific", ChatToolMode.RequireSpecific("record_unknown_question")), ("none", ChatToolMode.None) })
        {
            await report.RunAsync($"tool request ({label})", () =>
            {
                var body = Body(new ChatOptions { Tools = [Declaration("record_user_details"), Declaration("record_unknown_question")], ToolMode = mode });
                var problems = validator.Validate(body, "ConverseRequest", "modelId");
                report.Check($"tool request, tool mode {label}: fits ConverseRequest (toolConfig, toolUse, toolResult)", problems.Count == 0, string.Join("; ", problems));
                return Task.CompletedTask;
            });
        }

        using (var broken = JsonDocument.Parse("""{"messages":[{"role":"user","content":[{"text":"a","toolResult":{"toolUseId":"x y","content":[]}}]}],"toolConfig":{"tools":[],"toolChoice":{"auto":{},"any":{}}}}"""))
        {
            var problems = validator.Validate(broken.RootElement, "ConverseRequest", "modelId");
            report.Check($"the shape check itself rejects a malformed tool request ({problems.Count} problems)", problems.Count >= 4, string.Join("; ", problems));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "converse-stream"), "*tool-call*.chunks.jsonl").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            await report.RunAsync(name, () => StreamAsync(file, name, report));
        }
    }

    /// <summary>Whether a function call has a toolUse block's id, name and input (compared as JSON).</summary>
    public static bool SameCall(FunctionCallContent call, JsonElement toolUse) =>
        call.CallId == toolUse.GetProperty("toolUseId").GetString()
        && call.Name == toolUse.GetProperty("name").GetString()
        && call.Exception is null
        && JsonElement.DeepEquals(
            JsonSerializer.SerializeToElement(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
            toolUse.GetProperty("input"));

    private static JsonElement Body(ChatOptions options)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are a test."),
            new(ChatRole.User, "I'm Grace, grace@example.com. What was the PhD about?"),
            new(ChatRole.Assistant,
            [
                new TextContent("One moment."),
                new FunctionCallContent("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "record_user_details", new Dictionary<string, object?> { ["email"] = "grace@example.com" }),
                new FunctionCallContent("tooluse_2", "record_unknown_question", new Dictionary<string, object?> { ["question"] = "PhD?" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", JsonDocument.Parse("""{"saved":true}""").RootElement.Clone())]),
            new(ChatRole.Tool, [new FunctionResultContent("tooluse_2", "Error: Function failed.") { Exception = new TimeoutException() }]),
        ];
        var node = BedrockRequestBuilder.Build(messages, options, new BedrockOptions());
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private static AIFunctionDeclaration Declaration(string name)
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}""");
        return AIFunctionFactory.CreateDeclaration(name, "A test tool.", schema.RootElement.Clone());
    }

    /// <summary>The SDK-parsed events, framed again, through the client: one function call with the SDK's id, name and input.</summary>
    private static async Task StreamAsync(string file, string name, Report report)
    {
        var events = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var frames = events.SelectMany(e => Frame(e.EnumerateObject().Single())).ToArray();
        using var client = Clients.Create(new ReplayHandler(200, ReplayHandler.StreamHeaders, frames, readSize: 5));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Clients.Conversation()))
        {
            updates.Add(update);
        }

        var start = events.Single(e => e.TryGetProperty("contentBlockStart", out _)).GetProperty("contentBlockStart").GetProperty("start").GetProperty("toolUse");
        var input = string.Concat(events.Where(e => e.TryGetProperty("contentBlockDelta", out _))
            .Select(e => e.GetProperty("contentBlockDelta").GetProperty("delta").GetProperty("toolUse").GetProperty("input").GetString()));
        using var expected = JsonDocument.Parse($$"""{"toolUseId":{{start.GetProperty("toolUseId").GetRawText()}},"name":{{start.GetProperty("name").GetRawText()}},"input":{{input}}}""");
        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        report.Check($"{name}: one function call with the SDK's id, name and input ({input})", calls.Count == 1 && SameCall(calls[0], expected.RootElement));
        report.Check($"{name}: finish reason ToolCalls", updates.Select(u => u.FinishReason).LastOrDefault(f => f is not null) == ChatFinishReason.ToolCalls);
    }

    /// <summary>One event frame (the event-stream binary format: prelude, CRCs, string headers) carrying the event's JSON payload.</summary>
    private static byte[] Frame(JsonProperty @event)
    {
        var headers = new MemoryStream();
        foreach (var (key, value) in new[] { (":event-type", @event.Name), (":content-type", "application/json"), (":message-type", "event") })
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            headers.WriteByte((byte)keyBytes.Length);
            headers.Write(keyBytes);
            headers.WriteByte(7); // string
            headers.Write([(byte)(valueBytes.Length >> 8), (byte)valueBytes.Length]);
            headers.Write(valueBytes);
        }

        var payload = Encoding.UTF8.GetBytes(@event.Value.GetRawText());
        var frame = new byte[12 + headers.Length + payload.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.Compute(frame.AsSpan(0, 8)));
        headers.ToArray().CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + (int)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(frame.Length - 4), Crc32.Compute(frame.AsSpan(0, frame.Length - 4)));
        return frame;
    }
}
