using DigitalTwin.Analytics;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>
/// One of the owner's endpoints, <c>GET /analytics</c> or <c>GET /owner/records</c> (<c>?twin=&amp;from=&amp;to=</c>): the
/// period is validated at the edge (<see cref="PeriodQuery"/>), then <see cref="Answer"/> asks the twin's store; a store that
/// cannot answer is a 501, a failing one a 503. A date without a time is a whole UTC day.
/// </summary>
internal sealed partial class OwnerEndpoint(
    bool records, OwnerEndpoint.Answer answer, IDigitalTwinCatalog catalog, DigitalTwinAnalyticsEndpointOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The answer for a registered twin and a valid period.</summary>
    public delegate Task<IResult> Answer(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Maps the analytics endpoint (<paramref name="records"/> false) or the owner-records one, after the start-up checks.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string pattern, Action<DigitalTwinAnalyticsEndpointOptions>? configure, bool records)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var services = endpoints.ServiceProvider;
        var method = records ? "MapDigitalTwinOwnerRecords" : "MapDigitalTwinAnalytics";
        var answer = (records ? RecordsAnswer(services) : AnalyticsAnswer(services))
            ?? throw new InvalidOperationException($"{method} needs the DigitalTwin services: call builder.Services.AddDigitalTwin(...) before building the app.");
        AuthorizedEndpoints.Require(services, method, records ? "visitors' contact details and questions" : "usage and cost figures");
        HttpJsonContracts.Register(services);
        var options = DigitalTwinAnalyticsEndpointOptions.Create(configure);
        var endpoint = new OwnerEndpoint(
            records,
            answer,
            services.GetRequiredService<IDigitalTwinCatalog>(),
            options,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(records ? "DigitalTwin.AspNetCore.OwnerRecords" : "DigitalTwin.AspNetCore.Analytics"));
        var group = endpoints.MapGroup(pattern.TrimEnd('/')).WithTags(records ? "DigitalTwin owner" : "DigitalTwin analytics");
        _ = options.AuthorizationPolicy is { Length: > 0 } policy ? group.RequireAuthorization(policy) : group.RequireAuthorization();
        group.MapGet("/", Task<IResult> (HttpContext http) => endpoint.HandleAsync(http))
            .WithName(records ? "DigitalTwinOwnerRecords" : "DigitalTwinAnalytics")
            .WithSummary(records
                ? "Lists a twin's leads and unanswered questions over a period, oldest first."
                : "Summarises a twin's conversations over a period: conversations, turns, tokens, estimated cost, p50/p95 latency.")
            .Produces(StatusCodes.Status200OK, records ? typeof(OwnerRecordsResponse) : typeof(AnalyticsResponse))
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(501).ProducesProblem(503);
        return group;
    }

    private static Answer? AnalyticsAnswer(IServiceProvider services) =>
        services.GetService<IConversationAnalytics>() is not { } analytics ? null : async (twin, since, until, ct) => TypedResults.Json(
            AnalyticsResponse.Of(await analytics.SummarizeAsync(twin, since, until, ct).ConfigureAwait(false)), ContractsJsonContext.Default.AnalyticsResponse);

    private static Answer? RecordsAnswer(IServiceProvider services) =>
        services.GetService<IOwnerRecordsReader>() is not { } reader || services.GetService<IDigitalTwinCatalog>() is not { } catalog ? null : async (twin, since, until, ct) =>
            TypedResults.Json(
                OwnerRecordsResponse.Of(catalog.Find(twin)!.Name, since, until, await reader.ReadAsync(twin, since, until, ct).ConfigureAwait(false)),
                ContractsJsonContext.Default.OwnerRecordsResponse);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (twin, since, until, problem) = PeriodQuery.Read(context, catalog, options, time);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return await answer(twin, since, until, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (NotSupportedException ex)
        {
            if (records)
            {
                LogRecordsNotSupported(logger, ex, twin);
                return TwinProblems.OwnerRecordsNotSupported();
            }

            LogAnalyticsNotSupported(logger, ex, twin);
            return TwinProblems.AnalyticsNotSupported();
        }
        catch (ConversationStoreException ex)
        {
            if (records)
            {
                LogRecordsStoreFailed(logger, ex, twin, ex.Failure);
            }
            else
            {
                LogAnalyticsStoreFailed(logger, ex, twin, ex.Failure);
            }

            return TwinProblems.AnalyticsUnavailable();
        }
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Analytics for twin {Twin} are not available from its store")]
    private static partial void LogAnalyticsNotSupported(ILogger logger, Exception exception, string twin);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Analytics for twin {Twin}: the conversation store failed ({Failure})")]
    private static partial void LogAnalyticsStoreFailed(ILogger logger, Exception exception, string twin, ConversationStoreFailure failure);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Owner records of twin {Twin} are not available from its store")]
    private static partial void LogRecordsNotSupported(ILogger logger, Exception exception, string twin);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Owner records of twin {Twin}: the conversation store failed ({Failure})")]
    private static partial void LogRecordsStoreFailed(ILogger logger, Exception exception, string twin, ConversationStoreFailure failure);
}
