using DigitalTwin;
using DigitalTwin.AspNetCore;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.AspNetCore.Health;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the DigitalTwin HTTP API.</summary>
public static class DigitalTwinEndpointRouteBuilderExtensions
{
    private static readonly RequestBodyMetadata ChatBody = new(typeof(ChatRequest));

    /// <summary>
    /// Maps the original twin's API — <c>POST /chat</c>, <c>POST /chat/stream</c>, <c>GET /conversation/{session_id}</c>,
    /// <c>GET /health</c>, <c>GET /</c> — in a route group, plus <c>GET /persona</c> and <c>GET /persona/photo</c> (the
    /// person's name and photo for the chat page), the same under <c>/twins/{twin}/</c> for hosts with several twins (or
    /// select one with the <c>X-Tenant-ID</c> header), and <c>GET /health/ready</c> when <c>AddDigitalTwinHealthChecks()</c>
    /// registered the readiness checks. Returns the group, so the app can add conventions such as
    /// <c>RequireAuthorization()</c> or <c>RequireRateLimiting()</c>. Call it on a group (<c>app.MapGroup("/api").MapDigitalTwin()</c>)
    /// to put the whole API under a prefix; <c>MapDigitalTwinChat()</c> finds it there.
    /// <para>
    /// <c>GET /</c> yields to the app's own home page: when the app maps <c>GET /</c> too, the app's endpoint answers and a
    /// log line says so (no ambiguous-route errors). The chat endpoints read their JSON body themselves (their request body
    /// is described for OpenAPI without content-type matching), so a wrong content type is a 415 ProblemDetails from
    /// DigitalTwin rather than an empty 415 from routing. Problem details are in the twin's language
    /// (<see cref="DigitalTwinOptions.Language"/>, or <see cref="DigitalTwinEndpointOptions.Language"/> when set).
    /// </para>
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddDigitalTwin</c> was not called, or the web settings are invalid.</exception>
    public static RouteGroupBuilder MapDigitalTwin(this IEndpointRouteBuilder endpoints, Action<DigitalTwinEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var catalog = services.GetService<IDigitalTwinCatalog>()
            ?? throw new InvalidOperationException("MapDigitalTwin needs the DigitalTwin services: call builder.Services.AddDigitalTwin(...) before building the app.");
        var options = EndpointOptionsLoader.Load(services, configure);
        HttpJsonContracts.Register(services);
        var limits = new RateLimits(options.RateLimit);
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(limits.Dispose);
        var context = new TwinEndpointContext(
            options,
            new TwinResolver(catalog, options.TenantHeader),
            services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>(),
            limits,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("DigitalTwin.AspNetCore"));
        var cors = new CorsSupport(services, options);
        var language = new TwinLanguage(context.Resolver, services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>(), options.Language);

        var group = endpoints.MapGroup(string.Empty).WithTags("DigitalTwin");
        group.AddEndpointFilter(language.ChooseAsync);
        if (cors.Enabled)
        {
            group.AddEndpointFilter((invocation, next) =>
            {
                cors.Apply(invocation.HttpContext);
                return next(invocation);
            });
        }

        foreach (var prefix in new[] { string.Empty, "/twins/{" + TwinResolver.RouteValue + "}" })
        {
            MapTwinRoutes(group, context, cors, prefix);
            MapPersona(group, context, language, prefix);
        }

        MapHealth(group, services, context);
        group.MapGet("/", (IDigitalTwinCatalog c) => ChatEndpoints.Info(c)).WithName(RootRouteCheck.EndpointName).WithSummary("What this API is and which twins it serves.").Produces<ServiceInfoResponse>()
            .Add(b => ((RouteEndpointBuilder)b).Order = RootRouteCheck.Order);
        services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => RootRouteCheck.LogIfShadowed(endpoints.DataSources, context.Logger));
        return group;
    }

    // Handlers are lambdas with an explicit return type: the IResult is written (a bare HttpContext lambda would bind as a
    // RequestDelegate), and the Request Delegate Generator sees each handler, so no reflection runs under Native AOT.
    private static void MapTwinRoutes(RouteGroupBuilder group, TwinEndpointContext context, CorsSupport cors, string prefix)
    {
        var suffix = prefix.Length == 0 ? string.Empty : "ForTwin";
        Guard(group.MapPost(prefix + "/chat", Task<IResult> (HttpContext http) => ChatEndpoints.ChatAsync(http, context)), context)
            .WithName("DigitalTwinChat" + suffix).WithSummary("Sends a visitor's message and returns the twin's answer.")
            .WithMetadata(ChatBody).Produces<ChatResponse>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
        Guard(group.MapPost(prefix + "/chat/stream", Task<IResult> (HttpContext http) => StreamEndpoint.StreamAsync(http, context)), context)
            .WithName("DigitalTwinChatStream" + suffix).WithSummary("Sends a visitor's message and streams the answer as server-sent events: session, delta…, done (or error).")
            .WithDescription("Events: 'session' {session_id}, then 'delta' {text} per piece, then 'done' {session_id, turn_id, finish_reason, usage} or 'error' {status, title, detail}. The turn is stored only when the model finished; a cut stream stores nothing.")
            .WithMetadata(ChatBody).Produces<string>(200, "text/event-stream")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
        if (context.Options.EnableConversationEndpoint)
        {
            Guard(group.MapGet(prefix + "/conversation/{session_id}", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "session_id")] string sessionId) => ChatEndpoints.ConversationAsync(http, context, sessionId)), context)
                .WithName("DigitalTwinConversation" + suffix).WithSummary("Returns a session's conversation, oldest message first.")
                .Produces<ConversationResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);
        }

        if (cors.Enabled)
        {
            foreach (var path in context.Options.EnableConversationEndpoint ? ["/chat", "/chat/stream", "/conversation/{session_id}"] : new[] { "/chat", "/chat/stream" })
            {
                group.MapMethods(prefix + path, ["OPTIONS"], IResult (HttpContext http) => cors.Preflight(http)).ExcludeFromDescription();
            }
        }
    }

    private static void MapPersona(RouteGroupBuilder group, TwinEndpointContext context, TwinLanguage language, string prefix)
    {
        var suffix = prefix.Length == 0 ? string.Empty : "ForTwin";
        group.MapGet(prefix + "/persona", Task<IResult> (HttpContext http) => PersonaEndpoints.PersonaAsync(http, context, language))
            .WithName("DigitalTwinPersona" + suffix).WithSummary("The person's name, the twin's language and whether it has a photo: what a chat page shows in its header.")
            .Produces<PersonaResponse>().ProducesProblem(404);
        group.MapGet(prefix + "/persona/photo", Task<IResult> (HttpContext http) => PersonaEndpoints.PhotoAsync(http, context))
            .WithName("DigitalTwinPersonaPhoto" + suffix).WithSummary("The photo of the persona folder (photo.jpg, .jpeg, .png or .webp), when it has one.")
            .Produces(200, null, "image/png", "image/jpeg", "image/webp").ProducesProblem(404);
    }

    // The access rules of the twin endpoints: API key (when configured), then the per-IP limit (when configured).
    private static RouteHandlerBuilder Guard(RouteHandlerBuilder endpoint, TwinEndpointContext context)
    {
        if (context.Options.ApiKeys.Count > 0)
        {
            endpoint.AddEndpointFilter(new ApiKeyFilter(context.Options.ApiKeys, context.Options.ApiKeyHeader)).ProducesProblem(401);
        }

        if (context.Limits.LimitsIp)
        {
            endpoint.AddEndpointFilter((invocation, next) =>
                context.Limits.AcquireForClient(invocation.HttpContext) is { } limited ? ValueTask.FromResult<object?>(limited) : next(invocation));
        }

        return context.Options.RateLimit.Enabled ? endpoint.ProducesProblem(429) : endpoint;
    }

    // Health endpoints stay anonymous (load balancers and orchestrators probe them) even when the app protects the group.
    private static void MapHealth(RouteGroupBuilder group, IServiceProvider services, TwinEndpointContext context)
    {
        var health = services.GetService<HealthCheckService>();
        group.MapGet("/health", Task<IResult> (HttpContext http) => HealthEndpoints.LiveAsync(http, health))
            .WithName("DigitalTwinHealth").WithSummary("Liveness: answers while the process serves requests; runs no checks.")
            .Produces<HealthResponse>().AllowAnonymous();
        if (health is null || services.GetService<DigitalTwinHealthChecksMarker>() is null)
        {
            context.LogReadinessNotMapped();
            return;
        }

        group.MapGet("/health/ready", Task<IResult> (HttpContext http) => HealthEndpoints.ReadyAsync(http, health))
            .WithName("DigitalTwinReady").WithSummary("Readiness: every twin's store answers and its model provider is configured (optionally: answers a test call).")
            .Produces<HealthReportResponse>().Produces<HealthReportResponse>(503).AllowAnonymous();
    }
}
