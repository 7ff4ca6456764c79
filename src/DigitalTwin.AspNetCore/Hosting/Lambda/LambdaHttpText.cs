using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>The small pieces of HTTP text handling shared by the event readers and the response writers.</summary>
internal static class LambdaHttpText
{
    /// <summary>Decodes a raw path as Kestrel does: every escape except <c>%2F</c>, which stays encoded; <c>+</c> stays <c>+</c>.</summary>
    public static string DecodePath(string raw)
    {
        if (!raw.Contains('%', StringComparison.Ordinal))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        var start = 0;
        while (true)
        {
            var slash = raw.IndexOf("%2F", start, StringComparison.OrdinalIgnoreCase);
            var piece = slash < 0 ? raw[start..] : raw[start..slash];
            builder.Append(Uri.UnescapeDataString(piece));
            if (slash < 0)
            {
                return builder.ToString();
            }

            builder.Append("%2F");
            start = slash + 3;
        }
    }

    /// <summary>Reads <c>1.2.3.4</c>, an IPv6 address, or API Gateway's occasional <c>1.2.3.4/32</c>.</summary>
    public static IPAddress? ParseIp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return IPAddress.TryParse(slash > 0 ? value[..slash] : value, out var address) ? address : null;
    }

    /// <summary>Gives the request HTTP/1.1 framing: a Host, a Content-Length that matches the decoded body, no Transfer-Encoding.</summary>
    public static void CompleteHeaders(LambdaRequest request, string? domainName)
    {
        if (string.IsNullOrEmpty(request.Headers.Host))
        {
            request.Headers.Host = string.IsNullOrEmpty(domainName) ? "localhost" : domainName;
        }

        request.Headers.Remove(HeaderNames.TransferEncoding);
        if (request.Body.Length > 0 || request.Headers.ContainsKey(HeaderNames.ContentLength))
        {
            request.Headers.ContentLength = request.Body.Length;
        }
    }

    /// <summary>The scheme the client used: X-Forwarded-Proto, else https (API Gateway and Function URLs are HTTPS only).</summary>
    public static string Scheme(LambdaRequest request)
        => request.Headers["X-Forwarded-Proto"].ToString() is { Length: > 0 } proto && proto.Equals("http", StringComparison.OrdinalIgnoreCase)
            ? "http"
            : "https";

    /// <summary>Whether a body of this content type is text, sent as is; anything else is sent base64-encoded.</summary>
    public static bool IsText(string? contentType, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            // No declared type: text only when the bytes are valid UTF-8.
            return body.IsEmpty || System.Text.Unicode.Utf8.IsValid(body);
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("+xml", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/ecmascript"
                or "application/x-www-form-urlencoded" or "application/x-ndjson" or "application/graphql" or "application/yaml";
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
