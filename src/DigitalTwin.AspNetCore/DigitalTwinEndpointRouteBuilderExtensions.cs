using DigitalTwin;
using DigitalTwin.AspNetCore;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the DigitalTwin HTTP API.</summary>
public static class DigitalTwinEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the original twin's API — <c>POST /chat</c>, <c>POST /chat/stream</c>, <c>GET /conversation/{session_id}</c>,
    /// <c>GET /health</c>, <c>GET /</c> — in a route group, plus the same under <c>/twins/{twin}/</c> for hosts with several
    /// twins (or select one with the <c>X-Tenant-ID</c> header). Returns the group, so the app can add conventions such as
    /// <c>RequireAuthorization()</c> or <c>RequireRateLimiting()</c>. The chat endpoints read their JSON body themselves (no
    /// <c>Accepts</c> metadata), so a wrong content type is a 415 ProblemDetails from DigitalTwin rather than an empty 415 from routing.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddDigitalTwin</c> was not called, or the web settings are invalid.</exception>
    public static RouteGroupBuilder MapDigitalTwin(this IEndpointRouteBuilder endpoints, Action<DigitalTwinEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var catalog = services.GetService<IDigitalTwinCatalog>()
            ?? throw new InvalidOperationException("MapDigitalTwin needs the DigitalTwin services: call builder.Services.AddDigitalTwin(...) before building the app.");
        var options = EndpointOptionsLoader.Load(services, configure);
        var context = new TwinEndpointContext(
            options,
            new TwinResolver(catalog, options.TenantHeader),
            services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("DigitalTwin.AspNetCore"));
        var cors = new CorsSupport(services, options);

        var group = endpoints.MapGroup(string.Empty).WithTags("DigitalTwin");
        if (cors.Enabled)
        {
            group.AddEndpointFilter((invocation, next) =>
            {
                cors.Apply(invocation.HttpContext);
                return next(invocation);
            });
        }

        MapTwinRoutes(group, context, cors, string.Empty);
        MapTwinRoutes(group, context, cors, "/twins/{" + TwinResolver.RouteValue + "}");
        group.MapGet("/health", ChatEndpoints.Health).WithName("DigitalTwinHealth").WithSummary("Liveness: answers while the process serves requests.");
        group.MapGet("/", (IDigitalTwinCatalog c) => ChatEndpoints.Info(c)).WithName("DigitalTwinInfo").WithSummary("What this API is and which twins it serves.");
        return group;
    }

    private static void MapTwinRoutes(RouteGroupBuilder group, TwinEndpointContext context, CorsSupport cors, string prefix)
    {
        var suffix = prefix.Length == 0 ? string.Empty : "ForTwin";
        group.MapPost(prefix + "/chat", Handler(http => ChatEndpoints.ChatAsync(http, context)))
            .WithName("DigitalTwinChat" + suffix).WithSummary("Sends a visitor's message and returns the twin's answer.")
            .Produces<ChatResponse>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
        group.MapPost(prefix + "/chat/stream", Handler(http => StreamEndpoint.StreamAsync(http, context)))
            .WithName("DigitalTwinChatStream" + suffix).WithSummary("Sends a visitor's message and streams the answer as server-sent events.")
            .Produces(200, contentType: "text/event-stream")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
        if (context.Options.EnableConversationEndpoint)
        {
            group.MapGet(prefix + "/conversation/{session_id}", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "session_id")] string sessionId) => ChatEndpoints.ConversationAsync(http, context, sessionId))
                .WithName("DigitalTwinConversation" + suffix).WithSummary("Returns a session's conversation, oldest message first.")
                .Produces<ConversationResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);
        }

        if (cors.Enabled)
        {
            foreach (var path in new[] { "/chat", "/chat/stream", "/conversation/{session_id}" })
            {
                group.MapMethods(prefix + path, ["OPTIONS"], (Func<HttpContext, IResult>)cors.Preflight).ExcludeFromDescription();
            }
        }
    }

    // A handler typed as Delegate, so its IResult is written (a bare HttpContext lambda would bind as a RequestDelegate).
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;
}
