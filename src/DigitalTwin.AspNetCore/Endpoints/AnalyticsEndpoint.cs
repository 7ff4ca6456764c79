using System.Globalization;
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
        var query = context.Request.Query;
        var twin = query["twin"].ToString() is { Length: > 0 } requested ? requested : DigitalTwinDefaults.TwinName;
        if (twin.Length > 128 || catalog.Find(twin) is null)
        {
            return TwinProblems.UnknownTwin(context, twin.Length <= 64 ? twin : twin[..64] + "…");
        }

        if (!TryParse(query["to"], endOfDay: true, out var to) || !TryParse(query["from"], endOfDay: false, out var from))
        {
            return TwinProblems.BadRequest(context, "'from' and 'to' must be ISO 8601 dates (2026-11-01, a whole UTC day) or date-times with an offset (2026-11-01T08:00:00Z).");
        }

        if (!IsSupported(to) || !IsSupported(from))
        {
            return TwinProblems.BadRequest(context, $"'from' and 'to' must fall between {Earliest:yyyy-MM-dd} and {Latest.AddDays(-1):yyyy-MM-dd}.");
        }

        var until = to ?? time.GetUtcNow();
        var since = from ?? until - options.DefaultPeriod;
        if (until <= since)
        {
            return TwinProblems.BadRequest(context, "'to' must be after 'from'.");
        }

        if (until - since > options.MaxPeriod)
        {
            return TwinProblems.BadRequest(context, $"The period is longer than the {options.MaxPeriod.TotalDays:0.##} days one request may summarise; ask for a shorter one.");
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

    /// <summary>The earliest instant a period may start at: turns carry Unix-epoch timestamps.</summary>
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The latest instant a period may end at, far enough from <see cref="DateTimeOffset.MaxValue"/> for day arithmetic.</summary>
    private static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static bool IsSupported(DateTimeOffset? value) => value is not { } instant || (instant >= Earliest && instant <= Latest);

    /// <summary>Parses an optional date or date-time; a date alone is UTC midnight, or the next midnight when it ends a period.</summary>
    private static bool TryParse(Microsoft.Extensions.Primitives.StringValues value, bool endOfDay, out DateTimeOffset? parsed)
    {
        parsed = null;
        var text = value.ToString().Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            parsed = !endOfDay ? midnight : date == DateOnly.MaxValue ? DateTimeOffset.MaxValue : midnight.AddDays(1);
            return true;
        }

        if (text.Contains('T', StringComparison.Ordinal) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            parsed = instant;
            return true;
        }

        return false;
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Analytics for twin {Twin} are not available from its store")]
    private static partial void LogNotSupported(ILogger logger, Exception exception, string twin);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Analytics for twin {Twin}: the conversation store failed ({Failure})")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string twin, ConversationStoreFailure failure);
}
