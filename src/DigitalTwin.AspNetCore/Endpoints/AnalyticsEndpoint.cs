using DigitalTwin.Analytics;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>
/// <c>GET /analytics?twin=&amp;from=&amp;to=</c>: validates the period at the edge, then asks <see cref="IConversationAnalytics"/>.
/// A date without a time is a whole UTC day: <c>from=2026-11-01&amp;to=2026-11-30</c> covers November 1 to 30 inclusive.
/// </summary>
internal sealed partial class AnalyticsEndpoint(
    IConversationAnalytics analytics, IDigitalTwinCatalog catalog, DigitalTwinAnalyticsEndpointOptions options, TimeProvider time, ILogger logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (twin, since, until, problem) = PeriodQuery.Read(context, catalog, options, time);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var report = await analytics.SummarizeAsync(twin, since, until, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(AnalyticsResponse.Of(report), ContractsJsonContext.Default.AnalyticsResponse);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (NotSupportedException ex)
        {
            LogNotSupported(logger, ex, twin);
            return TwinProblems.AnalyticsNotSupported();
        }
        catch (ConversationStoreException ex)
        {
            LogStoreFailed(logger, ex, twin, ex.Failure);
            return TwinProblems.AnalyticsUnavailable();
        }
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Analytics for twin {Twin} are not available from its store")]
    private static partial void LogNotSupported(ILogger logger, Exception exception, string twin);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Analytics for twin {Twin}: the conversation store failed ({Failure})")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string twin, ConversationStoreFailure failure);
}
