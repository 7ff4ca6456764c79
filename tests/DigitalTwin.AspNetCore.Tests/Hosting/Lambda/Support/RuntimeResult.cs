namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>What the runtime posted for one invocation: kind ("response", "error", "init-error"), headers, body chunks, trailers.</summary>
public sealed record RuntimeResult(
    string Kind, string? RequestId, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<(TimeSpan At, byte[] Data)> Chunks,
    IReadOnlyDictionary<string, string> Trailers)
{
    public byte[] Body => Chunks.SelectMany(c => c.Data).ToArray();

    public bool IsStreamed => Headers.TryGetValue("Lambda-Runtime-Function-Response-Mode", out var mode) && mode == "streaming";

    /// <summary>A buffered answer's JSON document (statusCode, headers or multiValueHeaders, cookies, body, isBase64Encoded).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int StatusCode => IsStreamed ? Prelude.GetProperty("statusCode").GetInt32() : Json.GetProperty("statusCode").GetInt32();

    /// <summary>A streamed answer's prelude: the JSON before the 8 NUL bytes.</summary>
    public JsonElement Prelude => JsonDocument.Parse(Body.AsSpan(0, DelimiterIndex()).ToArray()).RootElement;

    /// <summary>The HTTP body the client receives: after the prelude when streamed, else the decoded "body".</summary>
    public string BodyText
    {
        get
        {
            if (IsStreamed)
            {
                return Encoding.UTF8.GetString(Body.AsSpan(DelimiterIndex() + 8));
            }

            var json = Json;
            var body = json.GetProperty("body").GetString() ?? string.Empty;
            return json.GetProperty("isBase64Encoded").GetBoolean() ? Encoding.UTF8.GetString(Convert.FromBase64String(body)) : body;
        }
    }

    /// <summary>A response header, from any of the answer shapes.</summary>
    public string? Header(string name)
    {
        var source = IsStreamed ? Prelude : Json;
        foreach (var property in new[] { "headers", "multiValueHeaders" })
        {
            if (source.TryGetProperty(property, out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (header.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    {
                        return header.Value.ValueKind == JsonValueKind.Array
                            ? string.Join(", ", header.Value.EnumerateArray().Select(v => v.GetString()))
                            : header.Value.GetString();
                    }
                }
            }
        }

        return null;
    }

    private int DelimiterIndex()
    {
        var body = Body;
        var index = body.AsSpan().IndexOf(new byte[8]);
        return index < 0 ? throw new InvalidOperationException("The streamed answer has no 8-byte NUL delimiter after its prelude.") : index;
    }
}
