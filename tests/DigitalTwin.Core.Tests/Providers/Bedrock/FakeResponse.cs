using System.Net.Sockets;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>What the fake server answers: a status, headers and a body, optionally written in small pieces or never.</summary>
internal sealed record FakeResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Sizes of the pieces the body is written in, cycled, with a flush after each (null: in one write).</summary>
    public int[]? Pieces { get; init; }

    /// <summary>Never answer (to test read timeouts).</summary>
    public bool Hang { get; init; }

    /// <summary>Write the body, then hang without closing (a stream that stalls mid-way).</summary>
    public bool HangAfterBody { get; init; }

    public static FakeResponse Json(int status, string json, params (string Name, string Value)[] headers) =>
        new(status, HeaderMap([("Content-Type", "application/json"), .. headers]), Encoding.UTF8.GetBytes(json));

    public static FakeResponse EventStream(byte[] frames, int[]? pieces = null) =>
        new(200, HeaderMap([("Content-Type", "application/vnd.amazon.eventstream")]), frames) { Pieces = pieces };

    public static FakeResponse Error(int status, string errorType, string message, params (string Name, string Value)[] headers) =>
        Json(status, $"{{\"message\":{System.Text.Json.JsonSerializer.Serialize(message)}}}", [("x-amzn-errortype", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"), .. headers]);

    public static FakeResponse Never() => new(0, HeaderMap([]), []) { Hang = true };

    public async Task WriteAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var head = new StringBuilder($"HTTP/1.1 {Status} Status\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        // Streams go out without a length and end when the connection closes, like a chunked body's last chunk would.
        if (Pieces is null && !HangAfterBody)
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        if (Pieces is null)
        {
            await stream.WriteAsync(Body, cancellationToken);
        }
        else
        {
            for (int offset = 0, i = 0; offset < Body.Length; i++)
            {
                var size = Math.Min(Pieces[i % Pieces.Length], Body.Length - offset);
                await stream.WriteAsync(Body.AsMemory(offset, size), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                offset += size;
                if (i % 8 == 0)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }
        }

        await stream.FlushAsync(cancellationToken);
        if (HangAfterBody)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private static Dictionary<string, string> HeaderMap((string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
}
