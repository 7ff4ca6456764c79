using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.ChatUi;

/// <summary>The chat page's files, read once from the assembly's embedded resources and served with ETags.</summary>
internal sealed class ChatUiAssets
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src *; base-uri 'none'; form-action 'self'; object-src 'none'";

    private static readonly (string Name, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("chat.css", "text/css; charset=utf-8"),
        ("chat.js", "text/javascript; charset=utf-8"),
    ];

    private readonly FrozenDictionary<string, Asset> _assets;

    private ChatUiAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    public static ChatUiAssets Load()
    {
        var assembly = typeof(ChatUiAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var (name, contentType) in Files)
        {
            using var stream = assembly.GetManifestResourceStream("DigitalTwin.AspNetCore.ChatUi." + name)
                ?? throw new InvalidOperationException($"The chat page file '{name}' is missing from the DigitalTwin.AspNetCore assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            assets[name] = new Asset(bytes, contentType, etag);
        }

        return new ChatUiAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Serves one file, or 404 for a name that is not part of the page.</summary>
    public IResult Serve(HttpContext context, string name)
    {
        if (!_assets.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (name.EndsWith(".html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = Csp;
            headers["Referrer-Policy"] = "no-referrer";
        }

        return context.Request.Headers.IfNoneMatch.Contains(asset.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
