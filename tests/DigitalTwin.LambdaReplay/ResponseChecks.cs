using System.Text;
using System.Text.Json;
using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DigitalTwin.LambdaReplay;

/// <summary>
/// Rebuilds each recorded response with our serializer and compares shapes: Lambda answers (statusCode, headers or
/// multiValueHeaders, cookies, body) field by field; API Gateway's client-side snapshots (StatusCode, Content, Headers)
/// by what the client would receive from our answer.
/// </summary>
internal static class ResponseChecks
{
    private static readonly HashSet<string> LambdaFields = ["statusCode", "headers", "multiValueHeaders", "cookies", "body", "isBase64Encoded"];

    public static IReadOnlyList<string> Check(string name, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var fixture = document.RootElement;
        return fixture.TryGetProperty("statusCode", out _) ? CheckLambdaAnswer(fixture) : CheckClientSnapshot(name, fixture);
    }

    private static List<string> CheckLambdaAnswer(JsonElement fixture)
    {
        var problems = new List<string>();
        var v1 = fixture.TryGetProperty("multiValueHeaders", out var multi);
        IHeaderDictionary headers = new HeaderDictionary();
        if (v1)
        {
            foreach (var header in multi.EnumerateObject())
            {
                headers[header.Name] = new StringValues(header.Value.EnumerateArray().Select(v => v.GetString()).ToArray());
            }
        }
        else
        {
            foreach (var header in fixture.GetProperty("headers").EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString();
            }

            if (fixture.TryGetProperty("cookies", out var cookies))
            {
                headers.SetCookie = new StringValues(cookies.EnumerateArray().Select(c => c.GetString()).ToArray());
            }
        }

        var body = Encoding.UTF8.GetBytes(fixture.GetProperty("body").GetString() ?? string.Empty);
        var format = v1 ? LambdaEventFormat.ApiGatewayV1 : LambdaEventFormat.FunctionUrl;
        using var ours = JsonDocument.Parse(LambdaResponseSerializer.Serialize(format, fixture.GetProperty("statusCode").GetInt32(), headers, body));
        var answer = ours.RootElement;

        foreach (var field in answer.EnumerateObject())
        {
            if (!LambdaFields.Contains(field.Name))
            {
                problems.Add($"unexpected field '{field.Name}'");
            }
            else if (fixture.TryGetProperty(field.Name, out var expected) && expected.ValueKind != field.Value.ValueKind)
            {
                problems.Add($"'{field.Name}' is {field.Value.ValueKind}, the fixture has {expected.ValueKind}");
            }
        }

        Compare(problems, "statusCode", fixture.GetProperty("statusCode").GetRawText(), answer.GetProperty("statusCode").GetRawText());
        Compare(problems, "body", fixture.GetProperty("body").GetString(), answer.GetProperty("body").GetString());
        Compare(problems, "isBase64Encoded", "False", answer.GetProperty("isBase64Encoded").GetBoolean().ToString());
        var property = v1 ? "multiValueHeaders" : "headers";
        Compare(problems, property, Canonical(fixture.GetProperty(property)), Canonical(answer.GetProperty(property)));
        if (!v1)
        {
            Compare(problems, "cookies", Canonical(fixture.GetProperty("cookies")), Canonical(answer.GetProperty("cookies")));
        }

        return problems;
    }

    // dotnet__ToApiGateway*: what API Gateway returned to the client. Our answer for the same status, type and content
    // must give the client the same status, Content-Type and body.
    private static List<string> CheckClientSnapshot(string name, JsonElement snapshot)
    {
        var problems = new List<string>();
        var status = snapshot.GetProperty("StatusCode").GetInt32();
        var content = snapshot.GetProperty("Content").GetString() ?? string.Empty;
        var contentType = snapshot.GetProperty("Headers").GetProperty("Content-Type")[0].GetString();
        var format = name.Contains("HttpApiV2", StringComparison.Ordinal) ? LambdaEventFormat.ApiGatewayV2 : LambdaEventFormat.ApiGatewayV1;
        var headers = new HeaderDictionary { ["Content-Type"] = contentType };
        using var ours = JsonDocument.Parse(LambdaResponseSerializer.Serialize(format, status, headers, Encoding.UTF8.GetBytes(content)));
        var answer = ours.RootElement;

        var body = answer.GetProperty("body").GetString()!;
        var received = answer.GetProperty("isBase64Encoded").GetBoolean() ? Encoding.UTF8.GetString(Convert.FromBase64String(body)) : body;
        Compare(problems, "status", status.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.GetProperty("statusCode").GetRawText());
        Compare(problems, "content", content, received);
        var typeHeader = format == LambdaEventFormat.ApiGatewayV1
            ? answer.GetProperty("multiValueHeaders").GetProperty("Content-Type")[0].GetString()
            : answer.GetProperty("headers").GetProperty("Content-Type").GetString();
        Compare(problems, "Content-Type", contentType, typeHeader);
        return problems;
    }

    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => p.Name.ToUpperInvariant() + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };

    private static void Compare(List<string> problems, string what, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{what}: expected {expected}, got {actual}");
        }
    }
}
