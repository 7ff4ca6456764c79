using System.Globalization;
using Amazon.Runtime;

namespace DigitalTwin.SharedReplay;

/// <summary>
/// aws-c-auth's SigV4 header-signing suite through the provider's signer: x-amz-date added as the transport does, a
/// session token from the case's credentials added by the signer. Cases that sign the payload into an
/// x-amz-content-sha256 header, need dot-segment path normalization or leave the session token unsigned do not apply
/// to Bedrock requests (which always sign the token).
/// </summary>
internal static class AwsCAuthReplay
{
    public static async Task RunAsync(string suite, Report report)
    {
        foreach (var dir in Directory.GetDirectories(suite).Order(StringComparer.Ordinal))
        {
            var name = "aws-c-auth v4 " + Path.GetFileName(dir);
            await report.RunAsync(name, () => CaseAsync(dir, name, report));
        }
    }

    private static async Task CaseAsync(string dir, string name, Report report)
    {
        using var context = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        var token = credentials.TryGetProperty("token", out var t) ? t.GetString() : null;
        var request = RawRequest.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "request.txt")));
        var date = DateTime.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        request.Headers.Add(KeyValuePair.Create("X-Amz-Date", BedrockSigner.AmzDate(date)));
        var signed = BedrockSigner.Sign(request.Method, request.Path, request.Query, request.Headers, request.Body,
            new ImmutableCredentials(credentials.GetProperty("access_key_id").GetString(), credentials.GetProperty("secret_access_key").GetString(), token),
            root.GetProperty("region").GetString()!, root.GetProperty("service").GetString()!, date);

        var expectedCanonical = await File.ReadAllTextAsync(Path.Combine(dir, "header-canonical-request.txt"));
        var signedRequest = await File.ReadAllLinesAsync(Path.Combine(dir, "header-signed-request.txt"));
        var expectedAuthorization = signedRequest.First(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))["Authorization:".Length..].Trim();
        var ok = signed.CanonicalRequest == expectedCanonical && signed.Authorization == expectedAuthorization;

        var signsBody = root.TryGetProperty("sign_body", out var sb) && sb.GetBoolean();
        var normalizes = root.TryGetProperty("normalize", out var n) && n.GetBoolean()
            && (request.Path.Contains("/.", StringComparison.Ordinal) || request.Path.Contains("//", StringComparison.Ordinal));
        var unsignedToken = root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean();
        if (signsBody || normalizes || unsignedToken)
        {
            var why = signsBody ? "x-amz-content-sha256 payload signing" : normalizes ? "path normalization" : "an unsigned session token";
            Console.WriteLine($"  n/a   {name} ({(ok ? "matches" : "differs")}; {why} is not used for Bedrock)");
            return;
        }

        report.Check(name, ok, ok ? null : signed.CanonicalRequest.Replace("\n", "\\n", StringComparison.Ordinal));
    }
}
