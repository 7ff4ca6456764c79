using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// SigV4 for Bedrock requests: builds the canonical request (path segments URI-encoded once more, so a model id's
/// <c>%3A</c> becomes <c>%253A</c>) and lets AWSSDK.Core's <see cref="AWS4Signer"/> derive the key and compute the signature.
/// </summary>
internal static class BedrockSigner
{
    public const string Service = "bedrock";

    private const string SecurityTokenHeader = "x-amz-security-token";

    /// <summary>
    /// Signs a request whose <paramref name="headers"/> already hold host and x-amz-date. Temporary credentials' session
    /// token is added as a signed <c>x-amz-security-token</c> header (as AWS Lambda's role credentials need); the result
    /// lists every header to send.
    /// </summary>
    public static SignedRequest Sign(
        string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        ImmutableCredentials credentials, string region, string service, DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var all = headers.ToList();
        if (credentials.UseToken && !all.Exists(h => h.Key.Equals(SecurityTokenHeader, StringComparison.OrdinalIgnoreCase)))
        {
            all.Add(new(SecurityTokenHeader, credentials.Token));
        }

        var canonicalHeaders = all
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => Collapse(h.Value)))))
            .ToList();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(rawPath)).Append('\n')
            .Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        var canonicalRequest = canonical.ToString();
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaders, canonicalRequest);
        return new SignedRequest(canonicalRequest, result.ForAuthorizationHeader, all);
    }

    /// <summary>The <c>x-amz-date</c> value for <paramref name="time"/>.</summary>
    public static string AmzDate(DateTime time) => time.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX in upper case.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalPath(string rawPath) =>
        string.IsNullOrEmpty(rawPath) ? "/" : string.Join('/', rawPath.Split('/').Select(UriEncode));

    private static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query.Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Key: UriEncode(Uri.UnescapeDataString(kv[0])), Value: kv.Length > 1 ? UriEncode(Uri.UnescapeDataString(kv[1])) : string.Empty))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>The canonical request that was signed, the resulting <c>Authorization</c> header and the headers that were signed.</summary>
internal sealed record SignedRequest(string CanonicalRequest, string Authorization, IReadOnlyList<KeyValuePair<string, string>> Headers);
