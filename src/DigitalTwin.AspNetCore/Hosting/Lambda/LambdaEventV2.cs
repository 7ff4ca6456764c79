using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>Payload format 2.0: API Gateway HTTP APIs and Lambda Function URLs.</summary>
internal static class LambdaEventV2
{
    public static LambdaRequest Read(JsonElement root, JsonElement? context, JsonElement? http)
    {
        var method = (http is { } h ? LambdaEventParser.String(h, "method") : null)
            ?? throw new LambdaEventException("The payload 2.0 event has no requestContext.http.method.");
        var rawPath = LambdaEventParser.String(root, "rawPath") ?? (http is { } hp ? LambdaEventParser.String(hp, "path") : null);
        rawPath = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;

        // A named stage is the first segment of rawPath; "$default" has none.
        var pathBase = string.Empty;
        var stage = context is { } c ? LambdaEventParser.String(c, "stage") : null;
        if (!string.IsNullOrEmpty(stage) && stage != "$default")
        {
            var prefix = "/" + stage;
            if (rawPath == prefix || rawPath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                pathBase = prefix;
                rawPath = rawPath.Length == prefix.Length ? "/" : rawPath[prefix.Length..];
            }
        }

        var rawQuery = LambdaEventParser.String(root, "rawQueryString");
        var query = string.IsNullOrEmpty(rawQuery) ? QueryFromParameters(root) : "?" + rawQuery;
        var domain = context is { } d ? LambdaEventParser.String(d, "domainName") : null;
        var request = new LambdaRequest
        {
            Format = domain is not null && domain.Contains(".lambda-url.", StringComparison.OrdinalIgnoreCase)
                ? LambdaEventFormat.FunctionUrl
                : LambdaEventFormat.ApiGatewayV2,
            Method = method.ToUpperInvariant(),
            PathBase = LambdaHttpText.DecodePath(pathBase),
            Path = LambdaHttpText.DecodePath(rawPath),
            QueryString = query,
            RawTarget = pathBase + rawPath + query,
            Body = LambdaEventParser.Body(root),
            RemoteIpAddress = LambdaHttpText.ParseIp(http is { } hs ? LambdaEventParser.String(hs, "sourceIp") : null),
        };

        // Repeated headers arrive joined with commas; they are kept joined, since values such as Date, User-Agent or
        // Accept legitimately contain commas and ASP.NET Core parses list headers itself.
        if (LambdaEventParser.Property(root, "headers") is { ValueKind: JsonValueKind.Object } headers)
        {
            foreach (var header in headers.EnumerateObject())
            {
                request.Headers.Append(header.Name, header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText());
            }
        }

        // Cookies come as their own array; a Cookie header joins them with "; ".
        if (LambdaEventParser.Property(root, "cookies") is { ValueKind: JsonValueKind.Array } cookies)
        {
            var values = cookies.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).ToArray();
            if (values.Length > 0)
            {
                request.Headers.Cookie = string.Join("; ", values);
            }
        }

        LambdaHttpText.CompleteHeaders(request, domain);
        return request;
    }

    // rawQueryString is what the client sent; a hand-made event may carry only queryStringParameters (decoded values,
    // repeated keys comma-joined), which are encoded again as one value each.
    private static string QueryFromParameters(JsonElement root)
    {
        if (LambdaEventParser.Property(root, "queryStringParameters") is not { ValueKind: JsonValueKind.Object } parameters)
        {
            return string.Empty;
        }

        var pairs = parameters.EnumerateObject()
            .Select(p => Uri.EscapeDataString(p.Name) + (p.Value.GetString() is { Length: > 0 } v ? "=" + Uri.EscapeDataString(v) : string.Empty))
            .ToArray();
        return pairs.Length == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }
}
