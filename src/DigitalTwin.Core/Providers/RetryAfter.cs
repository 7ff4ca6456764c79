using System.Globalization;

namespace DigitalTwin.Providers;

/// <summary>
/// Reads the wait a provider asks for, from what providers really send: <c>retry-after-ms</c> (OpenAI), <c>Retry-After</c> as
/// seconds or an HTTP-date, <c>x-amzn-retry-after</c> (Bedrock). Garbage (<c>NaN</c>, <c>1e20</c>, negatives, unparsable text) is
/// ignored; a wait is never negative and never longer than <see cref="Cap"/>.
/// </summary>
internal static class RetryAfter
{
    /// <summary>The longest wait passed on: an hour. A provider asking for more is answered with this.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <summary>The first usable wait among <paramref name="header"/>'s values of the names above, in that order of preference.</summary>
    public static TimeSpan? From(Func<string, string?> header, DateTimeOffset now) =>
        Milliseconds(header("retry-after-ms")) ?? Value(header("Retry-After"), now) ?? Seconds(header("x-amzn-retry-after"));

    /// <summary>A <c>Retry-After</c> value: delay-seconds or an HTTP-date (relative to <paramref name="now"/>).</summary>
    public static TimeSpan? Value(string? value, DateTimeOffset now)
    {
        if (Seconds(value) is { } seconds)
        {
            return seconds;
        }

        return DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Clamp((date - now).TotalMilliseconds)
            : null;
    }

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? Clamp(seconds * 1000)
            : null;

    private static TimeSpan? Milliseconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && double.IsFinite(ms) && ms >= 0
            ? Clamp(ms)
            : null;

    private static TimeSpan Clamp(double milliseconds) =>
        milliseconds <= 0 ? TimeSpan.Zero : milliseconds >= Cap.TotalMilliseconds ? Cap : TimeSpan.FromMilliseconds(milliseconds);
}
