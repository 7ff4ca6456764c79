using System.Text.Json.Nodes;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>
/// Events in the shapes the AWS documentation shows: API Gateway REST (payload 1.0), HTTP API (payload 2.0) and Function
/// URLs, with the parts a test changes as parameters.
/// </summary>
public static class LambdaEvents
{
    public static string RestV1(string method, string path, string? body = null, string stage = "prod", string resource = "/{proxy+}",
        IDictionary<string, string[]>? headers = null, IDictionary<string, string[]>? query = null, bool base64 = false, string sourceIp = "203.0.113.7")
    {
        var multiHeaders = new JsonObject();
        var singleHeaders = new JsonObject();
        foreach (var (name, values) in headers ?? new Dictionary<string, string[]> { ["Host"] = ["abc123.execute-api.us-east-1.amazonaws.com"], ["Content-Type"] = ["application/json"] })
        {
            multiHeaders[name] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
            singleHeaders[name] = values[^1];
        }

        JsonObject? multiQuery = null, singleQuery = null;
        if (query is not null)
        {
            multiQuery = [];
            singleQuery = [];
            foreach (var (name, values) in query)
            {
                multiQuery[name] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                singleQuery[name] = values[^1];
            }
        }

        var evt = new JsonObject
        {
            ["resource"] = resource,
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = singleHeaders,
            ["multiValueHeaders"] = multiHeaders,
            ["queryStringParameters"] = singleQuery,
            ["multiValueQueryStringParameters"] = multiQuery,
            ["pathParameters"] = resource.Contains("{proxy+}", StringComparison.Ordinal) ? new JsonObject { ["proxy"] = path.TrimStart('/') } : null,
            ["stageVariables"] = null,
            ["requestContext"] = new JsonObject
            {
                ["resourcePath"] = resource,
                ["httpMethod"] = method,
                ["path"] = "/" + stage + path,
                ["stage"] = stage,
                ["requestId"] = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                ["accountId"] = "123456789012",
                ["apiId"] = "abc123",
                ["protocol"] = "HTTP/1.1",
                ["domainName"] = "abc123.execute-api.us-east-1.amazonaws.com",
                ["identity"] = new JsonObject { ["sourceIp"] = sourceIp, ["userAgent"] = "curl/8.5.0" },
            },
            ["body"] = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            ["isBase64Encoded"] = base64,
        };
        return evt.ToJsonString();
    }

    public static string HttpV2(string method, string rawPath, string? body = null, string stage = "$default", string rawQuery = "",
        IDictionary<string, string>? headers = null, string[]? cookies = null, bool base64 = false, string domain = "abc123.execute-api.us-east-1.amazonaws.com",
        string sourceIp = "198.51.100.9")
    {
        var headerObject = new JsonObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string> { ["content-type"] = "application/json" })
        {
            headerObject[name] = value;
        }

        headerObject["host"] ??= domain;
        var evt = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = rawPath,
            ["rawQueryString"] = rawQuery,
            ["cookies"] = cookies is null ? null : new JsonArray(cookies.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["headers"] = headerObject,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = domain.Split('.')[0],
                ["domainName"] = domain,
                ["domainPrefix"] = domain.Split('.')[0],
                ["http"] = new JsonObject
                {
                    ["method"] = method,
                    ["path"] = rawPath,
                    ["protocol"] = "HTTP/1.1",
                    ["sourceIp"] = sourceIp,
                    ["userAgent"] = "agent",
                },
                ["requestId"] = "JKJaXmPLvHcESHA=",
                ["routeKey"] = "$default",
                ["stage"] = stage,
                ["time"] = "10/Mar/2020:05:16:23 +0000",
                ["timeEpoch"] = 1583817383220,
            },
            ["body"] = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            ["isBase64Encoded"] = base64,
        };
        if (cookies is null)
        {
            evt.Remove("cookies");
        }

        return evt.ToJsonString();
    }

    /// <summary>A Function URL event: the payload 2.0 shape on a <c>*.lambda-url.*.on.aws</c> domain, stage <c>$default</c>.</summary>
    public static string FunctionUrl(string method, string rawPath, string? body = null, string rawQuery = "",
        IDictionary<string, string>? headers = null, string[]? cookies = null, bool base64 = false)
        => HttpV2(method, rawPath, body, "$default", rawQuery, headers, cookies, base64, "a1b2c3d4e5f6.lambda-url.us-east-1.on.aws");
}
