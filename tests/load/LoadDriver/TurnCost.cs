using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoadDriver;

/// <summary>
/// Times turns early in a conversation (the 10th) and late (the last, e.g. the 1,000th), over HTTP. A 50-turn warm-up
/// conversation runs first (JIT, connection pools); then each session is timed at turns 8–12 and at its last five turns,
/// and the medians of each group across sessions are compared.
/// </summary>
internal static class TurnCost
{
    public static async Task<int> RunAsync(Uri baseUrl, int turns, int sessions)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var early = new List<double>();
        var late = new List<double>();
        if (await ConverseAsync(http, 50, (_, _) => { }) != 0)
        {
            return 1;
        }

        for (var s = 0; s < sessions; s++)
        {
            var (e0, l0) = (early.Count, late.Count);
            if (await ConverseAsync(http, turns, (turn, ms) => (turn is >= 8 and <= 12 ? early : turn > turns - 5 ? late : null)?.Add(ms)) != 0)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {s + 1}: turns 8-12 median {Stats.Median(early.Skip(e0)):F2} ms, last 5 turns median {Stats.Median(late.Skip(l0)):F2} ms"));
        }

        var (e, l) = (Stats.Median(early), Stats.Median(late));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median turn 10: {e:F2} ms; median turn {turns}: {l:F2} ms; ratio {l / e:F2}"));
        return 0;
    }

    private static async Task<int> ConverseAsync(HttpClient http, int turns, Action<int, double> timed)
    {
        string? session = null;
        for (var turn = 1; turn <= turns; turn++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("chat", new Dictionary<string, string?>
            {
                ["message"] = $"Question {turn}: what did you work on before this job, and what did you learn there?",
                ["session_id"] = session,
            });
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"turn {turn}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                return 1;
            }

            session ??= JsonDocument.Parse(body).RootElement.GetProperty("session_id").GetString();
            timed(turn, elapsed);
        }

        return 0;
    }
}
