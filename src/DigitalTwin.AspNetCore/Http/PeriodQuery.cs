using System.Globalization;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Reads <c>?twin=&amp;from=&amp;to=</c> for the owner's endpoints (analytics, owner records): a registered twin (else 404) and a
/// period (else 400). A date without a time is a whole UTC day: <c>from=2026-11-01&amp;to=2026-11-30</c> covers November 1 to 30
/// inclusive; without <c>from</c> the period is the last <see cref="DigitalTwinAnalyticsEndpointOptions.DefaultPeriod"/>.
/// </summary>
internal static class PeriodQuery
{
    /// <summary>The earliest instant a period may start at: records carry Unix-epoch timestamps.</summary>
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The latest instant a period may end at, far enough from <see cref="DateTimeOffset.MaxValue"/> for day arithmetic.</summary>
    private static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The twin and period asked for, or the problem to answer instead.</summary>
    public static (string Twin, DateTimeOffset Since, DateTimeOffset Until, IResult? Problem) Read(
        HttpContext context, IDigitalTwinCatalog catalog, DigitalTwinAnalyticsEndpointOptions options, TimeProvider time)
    {
        var query = context.Request.Query;
        var twin = query["twin"].ToString() is { Length: > 0 } requested ? requested : DigitalTwinDefaults.TwinName;
        if (twin.Length > 128 || catalog.Find(twin) is null)
        {
            return (twin, default, default, TwinProblems.UnknownTwin(context, twin.Length <= 64 ? twin : twin[..64] + "…"));
        }

        if (!TryParse(query["to"], endOfDay: true, out var to) || !TryParse(query["from"], endOfDay: false, out var from))
        {
            return (twin, default, default, TwinProblems.BadRequest(context, "'from' and 'to' must be ISO 8601 dates (2026-11-01, a whole UTC day) or date-times with an offset (2026-11-01T08:00:00Z)."));
        }

        if (!IsSupported(to) || !IsSupported(from))
        {
            return (twin, default, default, TwinProblems.BadRequest(context, $"'from' and 'to' must fall between {Earliest:yyyy-MM-dd} and {Latest.AddDays(-1):yyyy-MM-dd}."));
        }

        var until = to ?? time.GetUtcNow();
        var since = from ?? until - options.DefaultPeriod;
        if (until <= since)
        {
            return (twin, since, until, TwinProblems.BadRequest(context, "'to' must be after 'from'."));
        }

        return until - since > options.MaxPeriod
            ? (twin, since, until, TwinProblems.BadRequest(context, $"The period is longer than the {options.MaxPeriod.TotalDays:0.##} days one request may cover; ask for a shorter one."))
            : (twin, since, until, null);
    }

    private static bool IsSupported(DateTimeOffset? value) => value is not { } instant || (instant >= Earliest && instant <= Latest);

    /// <summary>Parses an optional date or date-time; a date alone is UTC midnight, or the next midnight when it ends a period.</summary>
    private static bool TryParse(StringValues value, bool endOfDay, out DateTimeOffset? parsed)
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
}
