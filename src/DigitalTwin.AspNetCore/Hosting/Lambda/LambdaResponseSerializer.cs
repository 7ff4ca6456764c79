using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// Writes the answer Lambda hands back to API Gateway or the Function URL: payload 1.0 puts every header in
/// <c>multiValueHeaders</c> (Set-Cookie included); payload 2.0 joins repeated headers with commas and puts Set-Cookie in
/// <c>cookies</c>. Text bodies are sent as they are, anything else base64-encoded.
/// </summary>
internal static class LambdaResponseSerializer
{
    public static byte[] Serialize(LambdaEventFormat format, int statusCode, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", statusCode);
            if (format == LambdaEventFormat.ApiGatewayV1)
            {
                WriteMultiValueHeaders(writer, headers);
            }
            else
            {
                WriteJoinedHeaders(writer, headers);
                WriteCookies(writer, headers);
            }

            var text = LambdaHttpText.IsText(headers.ContentType, body);
            writer.WriteString("body", text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            writer.WriteBoolean("isBase64Encoded", !text);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON prelude of a streamed answer: status, headers and cookies (payload 2.0 shape), before the 8 NUL bytes.</summary>
    public static byte[] Prelude(int statusCode, IHeaderDictionary headers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", statusCode);
            WriteJoinedHeaders(writer, headers);
            WriteCookies(writer, headers);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMultiValueHeaders(Utf8JsonWriter writer, IHeaderDictionary headers)
    {
        writer.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in headers)
        {
            if (IsHopByHop(name))
            {
                continue;
            }

            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteJoinedHeaders(Utf8JsonWriter writer, IHeaderDictionary headers)
    {
        writer.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            if (!IsHopByHop(name) && !name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                writer.WriteString(name, string.Join(", ", values.ToArray()));
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteCookies(Utf8JsonWriter writer, IHeaderDictionary headers)
    {
        writer.WriteStartArray("cookies");
        foreach (var cookie in headers.SetCookie)
        {
            writer.WriteStringValue(cookie);
        }

        writer.WriteEndArray();
    }

    // Framing belongs to the connection Lambda's front end makes with the client, not to the app's answer.
    private static bool IsHopByHop(string name)
        => name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase);
}
