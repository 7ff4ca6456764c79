namespace DigitalTwin.SharedReplay;

/// <summary>The official event-stream codec vectors: valid ones decode to the described frame, invalid ones are rejected.</summary>
internal static class VectorReplay
{
    public static async Task RunAsync(string root, Report report)
    {
        Report.Section("Event-stream codec vectors (eventstream-vectors/aws-sdk-go/)");
        var dir = Path.Combine(root, "eventstream-vectors", "aws-sdk-go");
        foreach (var bin in Directory.GetFiles(Path.Combine(dir, "positive"), "*.bin").Order(StringComparer.Ordinal))
        {
            await report.RunAsync("positive " + Path.GetFileName(bin), () => PositiveAsync(bin, report));
        }

        foreach (var bin in Directory.GetFiles(Path.Combine(dir, "negative"), "*.bin").Order(StringComparer.Ordinal))
        {
            var name = "negative " + Path.GetFileName(bin);
            var why = (await File.ReadAllTextAsync(bin[..^4] + ".json")).Trim();
            try
            {
                var reader = new EventStreamReader(new MemoryStream(await File.ReadAllBytesAsync(bin)));
                while (await reader.ReadAsync(CancellationToken.None) is not null)
                {
                }

                report.Check(name, false, $"accepted, but the vector is invalid ({why})");
            }
            catch (InvalidDataException ex)
            {
                report.Check($"{name} rejected ({why} → {ex.Message})", true);
            }
        }
    }

    private static async Task PositiveAsync(string bin, Report report)
    {
        var bytes = await File.ReadAllBytesAsync(bin);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(bin[..^4] + ".json"));
        var root = expected.RootElement;
        var frame = await new EventStreamReader(new MemoryStream(bytes)).ReadAsync(CancellationToken.None)
            ?? throw new InvalidDataException("no frame decoded");
        var headers = root.GetProperty("headers").EnumerateArray().ToList();
        var stringsMatch = headers.Where(h => h.GetProperty("type").GetInt32() == 7)
            .All(h => frame.Header(h.GetProperty("name").GetString()!) == Encoding.UTF8.GetString(Convert.FromBase64String(h.GetProperty("value").GetString()!)));
        var ok = bytes.Length == root.GetProperty("total_length").GetInt32()
            && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)) == root.GetProperty("headers_length").GetInt32()
            && frame.Payload.AsSpan().SequenceEqual(Convert.FromBase64String(root.GetProperty("payload").GetString() ?? string.Empty))
            && frame.Headers.Keys.Order(StringComparer.Ordinal).SequenceEqual(headers.Select(h => h.GetProperty("name").GetString()!).Order(StringComparer.Ordinal))
            && stringsMatch;
        report.Check($"positive {Path.GetFileName(bin)}: {headers.Count} headers, {frame.Payload.Length} payload bytes", ok);
    }
}
