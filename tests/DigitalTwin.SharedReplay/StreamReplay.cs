using DigitalTwin.Providers;

namespace DigitalTwin.SharedReplay;

/// <summary>Captured and generated ConverseStream bodies: frame decoding vs *.decoded.json, client output vs *.sdk-parsed.json.</summary>
internal static class StreamReplay
{
    public static async Task RunAsync(string root, Report report)
    {
        Report.Section("ConverseStream bodies (converse-stream/)");
        var dir = Path.Combine(root, "converse-stream");
        var bins = Directory.GetFiles(dir, "*.bin").Concat(Directory.GetFiles(Path.Combine(dir, "generated"), "*.bin")).Order(StringComparer.Ordinal);
        foreach (var bin in bins)
        {
            var name = Path.GetRelativePath(root, bin);
            var stem = bin[..^4];
            var bytes = await File.ReadAllBytesAsync(bin);
            if (File.Exists(stem + ".decoded.json"))
            {
                await report.RunAsync(name + " decoded", () => CompareDecodedAsync(bytes, stem + ".decoded.json", name, report));
            }

            if (File.Exists(stem + ".sdk-parsed.json"))
            {
                await report.RunAsync(name + " through the client", () => CompareClientAsync(bytes, stem + ".sdk-parsed.json", name, report));
            }

            if (File.Exists(stem + ".json") && JsonDocument.Parse(await File.ReadAllTextAsync(stem + ".json")).RootElement.TryGetProperty("payloadUtf8", out _))
            {
                await report.RunAsync(name + " frame", () => CompareFrameAsync(bytes, stem + ".json", name, report));
            }

            if (File.Exists(stem + ".eventstream.base64.txt"))
            {
                var base64 = (await File.ReadAllTextAsync(stem + ".eventstream.base64.txt")).Trim();
                report.Check(name + " matches its base64 copy", Convert.FromBase64String(base64).AsSpan().SequenceEqual(bytes));
            }
        }
    }

    private static async Task CompareDecodedAsync(byte[] bytes, string expectedPath, string name, Report report)
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(expectedPath));
        foreach (var (label, stream) in new[] { ("whole", (Stream)new MemoryStream(bytes)), ("1-byte reads", new OneByteStream(bytes)) })
        {
            var reader = new EventStreamReader(stream);
            var frames = new List<EventStreamFrame>();
            while (await reader.ReadAsync(CancellationToken.None) is { } frame)
            {
                frames.Add(frame);
            }

            var want = expected.RootElement.EnumerateArray().ToList();
            var same = frames.Count == want.Count && frames.Zip(want).All(p =>
                Encoding.UTF8.GetString(p.First.Payload) == p.Second.GetProperty("payload").GetString()
                && p.Second.GetProperty("headers").EnumerateObject().All(h => p.First.Header(h.Name) == h.Value.GetString())
                && p.First.Headers.Count == p.Second.GetProperty("headers").EnumerateObject().Count());
            report.Check($"{name} decoded ({label}): {frames.Count} frames, headers and payloads as the official codec read them", same);
        }
    }

    private static async Task CompareClientAsync(byte[] bytes, string expectedPath, string name, Report report)
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(expectedPath));
        var root = expected.RootElement;
        using var client = Clients.Create(new ReplayHandler(200, ReplayHandler.StreamHeaders, bytes, readSize: 7));
        var updates = new List<ChatResponseUpdate>();
        ChatProviderException? error = null;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(Clients.Conversation()))
            {
                updates.Add(update);
            }
        }
        catch (ChatProviderException ex)
        {
            error = ex;
        }

        var events = root.GetProperty(root.GetProperty("ok").GetBoolean() ? "events" : "eventsBeforeError").EnumerateArray().ToList();
        var text = string.Concat(events.Where(e => e.TryGetProperty("contentBlockDelta", out _)).Select(e => e.GetProperty("contentBlockDelta").GetProperty("delta").GetProperty("text").GetString()));
        report.Check($"{name}: streamed text equals the SDK's ({text.Length} chars)", string.Concat(updates.Select(u => u.Text)) == text);
        if (!root.GetProperty("ok").GetBoolean())
        {
            var sdkError = root.GetProperty("error");
            var kind = Expected.FailureFor(sdkError.GetProperty("name").GetString()!);
            report.Check($"{name}: {sdkError.GetProperty("name").GetString()} → ChatProviderException {kind}",
                error is not null && error.Failure == kind && error.Message.Contains(sdkError.GetProperty("message").GetString()!, StringComparison.Ordinal),
                error is null ? "no exception" : $"{error.Failure}: {error.Message}");
            return;
        }

        report.Check($"{name}: completes without error", error is null, error?.Message);
        var stop = events.Select(e => e.TryGetProperty("messageStop", out var m) ? m.GetProperty("stopReason").GetString() : null).LastOrDefault(s => s is not null);
        report.Check($"{name}: finish reason for '{stop}'", updates.Select(u => u.FinishReason).LastOrDefault(f => f is not null) == BedrockResponseMapper.ToFinishReason(stop));
        var usage = events.Where(e => e.TryGetProperty("metadata", out _)).Select(e => e.GetProperty("metadata").GetProperty("usage")).LastOrDefault();
        var ours = updates.SelectMany(u => u.Contents).OfType<UsageContent>().LastOrDefault()?.Details;
        report.Check($"{name}: usage equals the SDK's", usage.ValueKind == JsonValueKind.Object && ours is not null
            && ours.InputTokenCount == usage.GetProperty("inputTokens").GetInt64()
            && ours.OutputTokenCount == usage.GetProperty("outputTokens").GetInt64()
            && ours.TotalTokenCount == usage.GetProperty("totalTokens").GetInt64());
    }

    private static async Task CompareFrameAsync(byte[] bytes, string expectedPath, string name, Report report)
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(expectedPath));
        var root = expected.RootElement;
        var frame = EventStreamReader.Parse(bytes);
        var headersLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        report.Check($"{name}: single frame headers, payload and lengths",
            bytes.Length == root.GetProperty("byteLength").GetInt32()
            && headersLength == root.GetProperty("headersLengthField").GetUInt32()
            && Encoding.UTF8.GetString(frame.Payload) == root.GetProperty("payloadUtf8").GetString()
            && root.GetProperty("headers").EnumerateObject().All(h => frame.Header(h.Name) == h.Value.GetString()));
    }

    private sealed class OneByteStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
