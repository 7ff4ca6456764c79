using System.Text;
using System.Text.Json;
using DigitalTwin.AspNetCore.Hosting.Lambda;

namespace DigitalTwin.LambdaReplay;

/// <summary>Maps one recorded event and checks that the request an app would see is sane.</summary>
internal static class RequestChecks
{
    public static IReadOnlyList<string> Check(string folder, byte[] bytes)
    {
        var problems = new List<string>();
        var request = LambdaEventParser.Parse(bytes);
        using var document = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        var root = document.RootElement;

        var expected = folder switch
        {
            "rest-api-v1" or "http-api-v1-payload" => LambdaEventFormat.ApiGatewayV1,
            "function-url" => LambdaEventFormat.FunctionUrl,
            _ => LambdaEventFormat.ApiGatewayV2,
        };
        Expect(problems, request.Format == expected, $"format {request.Format}, expected {expected}");
        Expect(problems, request.Method is "GET" or "POST" or "PUT" or "DELETE" or "PATCH" or "HEAD" or "OPTIONS", $"method '{request.Method}'");
        Expect(problems, request.Path.StartsWith('/'), $"path '{request.Path}' does not start with /");
        Expect(problems, request.PathBase.Length == 0 || (request.PathBase.StartsWith('/') && !request.PathBase.EndsWith('/')), $"path base '{request.PathBase}'");
        Expect(problems, request.QueryString.Length == 0 || request.QueryString.StartsWith('?'), $"query '{request.QueryString}'");
        Expect(problems, !request.QueryString.Contains(' ', StringComparison.Ordinal), $"query '{request.QueryString}' has a raw space");
        Expect(problems, request.RawTarget.StartsWith('/') && request.RawTarget.EndsWith(request.QueryString, StringComparison.Ordinal), $"raw target '{request.RawTarget}'");
        Expect(problems, !string.IsNullOrEmpty(request.Headers.Host), "no Host header");
        Expect(problems, !request.Headers.ContainsKey("Transfer-Encoding"), "Transfer-Encoding kept");
        if (request.Body.Length > 0)
        {
            Expect(problems, request.Headers.ContentLength == request.Body.Length, $"Content-Length {request.Headers.ContentLength} for a {request.Body.Length}-byte body");
        }

        // The query: every key of the event's own query parameters is in the mapped query string.
        foreach (var name in new[] { "multiValueQueryStringParameters", "queryStringParameters" })
        {
            if (root.TryGetProperty(name, out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    Expect(problems, request.QueryString.Contains(Uri.EscapeDataString(parameter.Name), StringComparison.Ordinal), $"query key '{parameter.Name}' missing");
                }
            }
        }

        // The body: base64 decoded when it is base64; JSON bodies are UTF-8 JSON; PDFs start with %PDF.
        var body = root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : null;
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (body is not null && base64 && IsBase64(body))
        {
            Expect(problems, request.Body.AsSpan().SequenceEqual(Convert.FromBase64String(body)), "base64 body not decoded");
        }
        else if (body is not null)
        {
            Expect(problems, Encoding.UTF8.GetString(request.Body) == body, "text body changed");
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && request.Body.Length > 0)
        {
            try
            {
                using var _ = JsonDocument.Parse(request.Body);
            }
            catch (JsonException)
            {
                problems.Add("JSON body does not parse");
            }
        }

        if (contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            Expect(problems, request.Body.AsSpan().StartsWith("%PDF"u8), "PDF body does not start with %PDF");
        }

        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            Expect(problems, Encoding.Latin1.GetString(request.Body).Contains("--" + contentType.Split("boundary=")[1].Trim('"'), StringComparison.Ordinal), "multipart body has no boundary");
        }

        if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array && cookies.GetArrayLength() > 0)
        {
            Expect(problems, request.Headers.Cookie.ToString().Contains(cookies[0].GetString()!, StringComparison.Ordinal), "cookies not in the Cookie header");
        }

        return problems;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static void Expect(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
