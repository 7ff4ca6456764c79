using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>Payload format 1.0: API Gateway REST APIs, and HTTP APIs set to 1.0.</summary>
internal static class LambdaEventV1
{
    public static LambdaRequest Read(JsonElement root, JsonElement? context)
    {
        var rawPath = LambdaEventParser.String(root, "path") is { Length: > 0 } p ? p : "/";
        var (pathBase, stageInPath) = PathBase(rawPath, context);
        if (stageInPath)
        {
            rawPath = rawPath.Length == pathBase.Length ? "/" : rawPath[pathBase.Length..];
        }

        var query = Query(root);
        var request = new LambdaRequest
        {
            Format = LambdaEventFormat.ApiGatewayV1,
            Method = LambdaEventParser.String(root, "httpMethod")!.ToUpperInvariant(),
            PathBase = LambdaHttpText.DecodePath(pathBase),
            Path = LambdaHttpText.DecodePath(rawPath),
            QueryString = query,
            RawTarget = pathBase + rawPath + query,
            Body = LambdaEventParser.Body(root),
            RemoteIpAddress = LambdaHttpText.ParseIp(LambdaEventParser.String(context, "identity", "sourceIp")),
        };

        if (LambdaEventParser.Property(root, "multiValueHeaders") is { ValueKind: JsonValueKind.Object } multi)
        {
            foreach (var header in multi.EnumerateObject())
            {
                foreach (var value in Values(header.Value))
                {
                    request.Headers.Append(header.Name, value);
                }
            }
        }
        else if (LambdaEventParser.Property(root, "headers") is { ValueKind: JsonValueKind.Object } single)
        {
            foreach (var header in single.EnumerateObject())
            {
                request.Headers.Append(header.Name, header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText());
            }
        }

        LambdaHttpText.CompleteHeaders(request, context is { } ctx ? LambdaEventParser.String(ctx, "domainName") : null);
        return request;
    }

    // REST APIs: requestContext.path is the stage (or custom domain base path) followed by "path". HTTP APIs at 1.0 put the
    // stage in both; then a non-default stage at the front of the path is the path base.
    private static (string PathBase, bool StageInPath) PathBase(string path, JsonElement? context)
    {
        if (context is not { } c || !path.StartsWith('/'))
        {
            return (string.Empty, false);
        }

        var full = LambdaEventParser.String(c, "path");
        if (full is not null && full.Length > path.Length && full[0] == '/' && full.EndsWith(path, StringComparison.Ordinal))
        {
            return (full[..^path.Length].TrimEnd('/'), false);
        }

        var stage = LambdaEventParser.String(c, "stage");
        if (!string.IsNullOrEmpty(stage) && stage != "$default" && (full is null || full == path))
        {
            var prefix = "/" + stage;
            if (path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return (prefix, true);
            }
        }

        return (string.Empty, false);
    }

    // API Gateway hands query values decoded; they are encoded again, every value of a repeated key kept.
    private static string Query(JsonElement root)
    {
        var builder = new StringBuilder();
        if (LambdaEventParser.Property(root, "multiValueQueryStringParameters") is { ValueKind: JsonValueKind.Object } multi)
        {
            foreach (var parameter in multi.EnumerateObject())
            {
                foreach (var value in Values(parameter.Value))
                {
                    Append(builder, parameter.Name, value);
                }
            }
        }
        else if (LambdaEventParser.Property(root, "queryStringParameters") is { ValueKind: JsonValueKind.Object } single)
        {
            foreach (var parameter in single.EnumerateObject())
            {
                Append(builder, parameter.Name, parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString() : null);
            }
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string name, string? value)
    {
        builder.Append(builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name));
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static StringValues Values(JsonElement array)
        => array.ValueKind == JsonValueKind.Array
            ? new StringValues(array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).ToArray())
            : array.ValueKind == JsonValueKind.String ? new StringValues(array.GetString()) : StringValues.Empty;
}
