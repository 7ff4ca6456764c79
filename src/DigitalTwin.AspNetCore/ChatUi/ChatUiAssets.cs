using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.ChatUi;

/// <summary>The chat page's files, read once from the assembly's embedded resources and served with ETags.</summary>
internal sealed class ChatUiAssets
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data:; connect-src *; base-uri 'none'; form-action 'self'; object-src 'none'";

    private static readonly (string Name, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("chat.css", "text/css; charset=utf-8"),
        ("chat.js", "text/javascript; charset=utf-8"),
    ];

    private const string ApiBaseAttribute = "data-api-base=\"\"";

    private readonly FrozenDictionary<string, Asset> _assets;

    // The page with its API address filled in, per address (one or two per app: the API's path, with the request's PathBase).
    private readonly ConcurrentDictionary<string, Asset> _pages = new(StringComparer.Ordinal);

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
            assets[name] = Asset.Create(bytes, contentType);
        }

        return new ChatUiAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Serves the page with <c>data-api-base</c> set to <paramref name="apiBase"/> (the path where <c>MapDigitalTwin</c> is
    /// mapped), or as shipped when it is <see langword="null"/>.
    /// </summary>
    public IResult ServePage(HttpContext context, string? apiBase)
    {
        if (string.IsNullOrEmpty(apiBase) || _pages.Count > 16 && !_pages.ContainsKey(apiBase))
        {
            return Serve(context, "index.html");
        }

        var page = _pages.GetOrAdd(apiBase, static (path, shipped) =>
        {
            var html = Encoding.UTF8.GetString(shipped.Content)
                .Replace(ApiBaseAttribute, "data-api-base=\"" + HtmlEncoder.Default.Encode(path) + "\"", StringComparison.Ordinal);
            return Asset.Create(Encoding.UTF8.GetBytes(html), shipped.ContentType);
        }, _assets["index.html"]);
        return Write(context, "index.html", page);
    }

    /// <summary>Serves one file, or 404 for a name that is not part of the page.</summary>
    public IResult Serve(HttpContext context, string name) =>
        _assets.TryGetValue(name, out var asset) ? Write(context, name, asset) : TypedResults.NotFound();

    private static IResult Write(HttpContext context, string name, Asset asset)
    {
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

    private sealed record Asset(byte[] Content, string ContentType, string ETag)
    {
        public static Asset Create(byte[] content, string contentType) =>
            new(content, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"");
    }
}
