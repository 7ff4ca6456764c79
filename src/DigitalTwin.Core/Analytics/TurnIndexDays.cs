using System.Globalization;

namespace DigitalTwin.Analytics;

/// <summary>The UTC days store indexes partition turns by (<c>yyyy-MM-dd</c>), so a period is read day by day.</summary>
internal static class TurnIndexDays
{
    /// <summary>The UTC day of <paramref name="timestamp"/> as <c>yyyy-MM-dd</c>.</summary>
    public static string Of(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every UTC day that overlaps [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public static IEnumerable<string> Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }

        var last = to.UtcDateTime.AddTicks(-1).Date;
        for (var day = from.UtcDateTime.Date; day <= last; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Whether <paramref name="timestamp"/> lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool Contains(DateTimeOffset from, DateTimeOffset to, DateTimeOffset timestamp) => timestamp >= from && timestamp < to;
}
