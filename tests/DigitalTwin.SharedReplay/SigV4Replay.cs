using System.Globalization;
using Amazon.Runtime;

namespace DigitalTwin.SharedReplay;

/// <summary>SigV4 suites through the provider's signing path: the Bedrock worked example and botocore's aws4 suite.</summary>
internal static class SigV4Replay
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    // Path normalization (dot segments, duplicate slashes) never applies to Bedrock's /model/{id}/{operation} paths;
    // these cases are reported but do not count.
    private static readonly HashSet<string> NotApplicable = new(StringComparer.Ordinal)
    {
        "normalize-path",
    };

    public static async Task RunAsync(string root, Report report)
    {
        Report.Section("SigV4 (sigv4/)");
        await report.RunAsync("bedrock-converse-example", () => BedrockExampleAsync(Path.Combine(root, "sigv4", "bedrock-converse-example"), report));
        var suite = Path.Combine(root, "sigv4", "botocore-aws4_testsuite");
        foreach (var req in Directory.GetFiles(suite, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(suite, req)[..^4];
            var applicable = !NotApplicable.Contains(name.Split(Path.DirectorySeparatorChar)[0]);
            await report.RunAsync("botocore " + name, () => BotocoreCaseAsync(req, name, applicable, report));
        }

        await AwsCAuthReplay.RunAsync(Path.Combine(root, "sigv4", "aws-c-auth-signing-test-suite", "v4"), report);
    }

    private static async Task BedrockExampleAsync(string dir, Report report)
    {
        using var example = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "example.json")));
        var root = example.RootElement;
        var request = root.GetProperty("request");
        var url = new Uri(request.GetProperty("url").GetString()!);
        var date = DateTime.Parse(root.GetProperty("signingDate").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var headers = request.GetProperty("headers").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList();
        headers.Add(KeyValuePair.Create("x-amz-date", BedrockSigner.AmzDate(date)));
        var signed = BedrockSigner.Sign(request.GetProperty("method").GetString()!, url.AbsolutePath, url.Query, headers,
            Encoding.UTF8.GetBytes(request.GetProperty("body").GetString()!), new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", "bedrock", date);

        report.Check("bedrock-converse-example: canonical request (%3A in the path, %253A when canonical)",
            signed.CanonicalRequest == await File.ReadAllTextAsync(Path.Combine(dir, "canonical-request.txt")), signed.CanonicalRequest);
        report.Check("bedrock-converse-example: Authorization header",
            signed.Authorization == (await File.ReadAllTextAsync(Path.Combine(dir, "authorization.txt"))).Trim(), signed.Authorization);

        // The provider builds the same wire path for the model id the example signed.
        using var transport = new BedrockTransport(new BedrockOptions { Region = "us-east-1" }, new BedrockIdentity(new BedrockOptions { Region = "us-east-1" }), TimeProvider.System);
        var address = transport.Address("anthropic.claude-3-haiku-20240307-v1:0", "converse");
        report.Check("bedrock-converse-example: the provider's request URL", address.AbsoluteUri == url.AbsoluteUri, address.AbsoluteUri);
    }

    private static async Task BotocoreCaseAsync(string reqPath, string name, bool applicable, Report report)
    {
        var stem = reqPath[..^4];
        var request = RawRequest.Parse(await File.ReadAllTextAsync(reqPath));
        var date = DateTime.ParseExact(request.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        // A session token the suite's credentials carry (it is in the signed request but not in the unsigned one).
        var token = (await File.ReadAllLinesAsync(stem + ".sreq")).FirstOrDefault(l => l.StartsWith("X-Amz-Security-Token:", StringComparison.OrdinalIgnoreCase))?[21..];
        token = request.HasHeader("X-Amz-Security-Token") || name.Contains("header-after", StringComparison.Ordinal) ? null : token;
        var signed = BedrockSigner.Sign(request.Method, request.Path, request.Query, request.Headers, request.Body, new ImmutableCredentials(AccessKey, SecretKey, token), "us-east-1", "service", date);

        var ok = signed.CanonicalRequest == await File.ReadAllTextAsync(stem + ".creq")
            && signed.Authorization == (await File.ReadAllTextAsync(stem + ".authz")).Trim();
        if (applicable)
        {
            report.Check($"botocore {name}", ok, ok ? null : signed.CanonicalRequest.Replace("\n", "\\n", StringComparison.Ordinal));
        }
        else
        {
            Console.WriteLine($"  n/a   botocore {name} ({(ok ? "matches" : "differs")}; path normalization does not apply to Bedrock paths)");
        }
    }
}
