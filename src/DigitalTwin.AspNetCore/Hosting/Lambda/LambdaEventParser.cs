using System.Text.Json;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// Reads API Gateway REST (payload 1.0), HTTP API (1.0 and 2.0) and Function URL events. The shape is told from the JSON:
/// <c>requestContext.http</c> or <c>version</c> "2.0" is payload 2.0; <c>httpMethod</c> is payload 1.0.
/// </summary>
internal static class LambdaEventParser
{
    public static LambdaRequest Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new LambdaEventException("The event is not JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LambdaEventException("The event is not a JSON object.");
            }

            var context = Property(root, "requestContext");
            var http = context is { } c ? Property(c, "http") : null;
            if (http is not null || (String(root, "version") == "2.0" && String(root, "httpMethod") is null))
            {
                return LambdaEventV2.Read(root, context, http);
            }

            if (String(root, "httpMethod") is not null)
            {
                return LambdaEventV1.Read(root, context);
            }

            throw new LambdaEventException("The event is not an API Gateway or Function URL HTTP event.");
        }
    }

    /// <summary>A property that is present and not null.</summary>
    public static JsonElement? Property(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonElement element, string name)
        => Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A nested string property, such as <c>requestContext.http.sourceIp</c>.</summary>
    public static string? String(JsonElement? element, string name, string nested)
        => element is { } e && Property(e, name) is { } inner ? String(inner, nested) : null;

    public static bool True(JsonElement element, string name)
        => Property(element, name) is { ValueKind: JsonValueKind.True };

    /// <summary>The body as bytes: base64-decoded when the event says so (a body that is not base64 is taken as text).</summary>
    public static byte[] Body(JsonElement root)
    {
        var body = String(root, "body");
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        if (True(root, "isBase64Encoded"))
        {
            var buffer = new byte[(body.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(body, buffer, out var written))
            {
                return buffer.AsSpan(0, written).ToArray();
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(body);
    }
}
