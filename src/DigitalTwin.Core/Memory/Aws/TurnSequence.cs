using System.Globalization;
using System.Security.Cryptography;

namespace DigitalTwin.Memory.Aws;

/// <summary>
/// Order values for one-item-per-turn stores: UTC ticks made strictly increasing within the process (two appends in the
/// same clock tick still get different, ordered values) plus a random suffix, so writers on different hosts never produce
/// the same value.
/// </summary>
internal static class TurnSequence
{
    private static long s_lastTicks;

    /// <summary>The next tick value: the clock, or one more than the last value handed out in this process.</summary>
    public static long NextTicks(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcTicks;
        while (true)
        {
            var last = Volatile.Read(ref s_lastTicks);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastTicks, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Sorts ascending with time: <c>{ticks:D19}-{16 hex}</c>.</summary>
    public static string Ascending(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Suffix();

    /// <summary>Sorts descending with time (newest first in a lexicographic listing): <c>{long.MaxValue - ticks:D19}-{16 hex}</c>.</summary>
    public static string Descending(long ticks) => (long.MaxValue - ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Suffix();

    private static string Suffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
