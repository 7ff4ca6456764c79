using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary><c>GET /owner/records?twin=&amp;from=&amp;to=</c>: validates the period at the edge (<see cref="PeriodQuery"/>), then asks <see cref="IOwnerRecordsReader"/>.</summary>
internal sealed partial class OwnerRecordsEndpoint(
    IOwnerRecordsReader reader, IDigitalTwinCatalog catalog, DigitalTwinAnalyticsEndpointOptions options, TimeProvider time, ILogger logger)
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
            var records = await reader.ReadAsync(twin, since, until, context.RequestAborted).ConfigureAwait(false);
            var response = new OwnerRecordsResponse(
                catalog.Find(twin)!.Name, since, until,
                records.Count(r => r.Kind == OwnerRecordKind.Lead),
                records.Count(r => r.Kind == OwnerRecordKind.UnansweredQuestion),
                [.. records.Select(OwnerRecordResponse.Of)]);
            return TypedResults.Json(response, ContractsJsonContext.Default.OwnerRecordsResponse);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (NotSupportedException ex)
        {
            LogNotSupported(logger, ex, twin);
            return TwinProblems.OwnerRecordsNotSupported();
        }
        catch (ConversationStoreException ex)
        {
            LogStoreFailed(logger, ex, twin, ex.Failure);
            return TwinProblems.AnalyticsUnavailable();
        }
    }

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Owner records of twin {Twin} are not available from its store")]
    private static partial void LogNotSupported(ILogger logger, Exception exception, string twin);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Owner records of twin {Twin}: the conversation store failed ({Failure})")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string twin, ConversationStoreFailure failure);
}
