using DigitalTwin.AspNetCore.ChatUi;
using DigitalTwin.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the embeddable chat page.</summary>
public static class DigitalTwinChatEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the chat page (plain HTML, CSS and JavaScript embedded in this package) at <paramref name="pattern"/>:
    /// <c>{pattern}/</c> is the page, <c>{pattern}/chat.js</c> and <c>{pattern}/chat.css</c> its script and style, which
    /// other sites can also load to embed the chat (see docs/web.md). The page talks to the API mapped by
    /// <c>MapDigitalTwin</c> in the same app, wherever it is mapped (<c>app.MapGroup("/api").MapDigitalTwin()</c> included),
    /// unless told otherwise (<c>?api=</c>, <c>data-api-base</c>). It shows the person's name and photo
    /// (<c>GET /persona</c>), and its texts are in the twin's language (English or Spanish; <c>data-lang</c> overrides).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the page lives. Default <c>/chat-ui</c>.</param>
    /// <returns>The page's route group, for conventions such as <c>RequireAuthorization()</c> or <c>CacheOutput()</c>.</returns>
    public static IEndpointConventionBuilder MapDigitalTwinChat(this IEndpointRouteBuilder endpoints, string pattern = "/chat-ui")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (pattern.Trim('/').Length == 0)
        {
            throw new ArgumentException("Map the chat page under its own path, such as /chat-ui: the root is the API's.", nameof(pattern));
        }

        var assets = ChatUiAssets.Load();
        var group = endpoints.MapGroup(pattern.TrimEnd('/')).ExcludeFromDescription();

        // Routing ignores a trailing slash, so the page redirects "/chat-ui" to "/chat-ui/": its relative links then resolve
        // the same way when the files are copied to a static host such as S3.
        // The page calls the API where MapDigitalTwin mapped it (its GET / endpoint's path, including a group prefix such
        // as /api and the request's PathBase); with no API in this app it falls back to its script's origin.
        group.MapGet("/", (HttpContext http, LinkGenerator links) => http.Request.Path.Value?.EndsWith('/') == true
            ? assets.ServePage(http, links.GetPathByName(http, RootRouteCheck.EndpointName, values: null)?.TrimEnd('/'))
            : TypedResults.Redirect(http.Request.PathBase + http.Request.Path + "/" + http.Request.QueryString));
        group.MapGet("/{file}", (HttpContext http, string file) => assets.Serve(http, file));
        return group;
    }
}
