using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoadDriver;

/// <summary>Times one turn early in a conversation (the 10th) and one late (the last, e.g. the 1,000th), over HTTP.</summary>
internal static class TurnCost
{
    public static async Task<int> RunAsync(Uri baseUrl, int turns, int sessions)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var early = new List<double>();
        var late = new List<double>();
        for (var s = 0; s < sessions; s++)
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
                if (turn == 10)
                {
                    early.Add(elapsed);
                }
                else if (turn == turns)
                {
                    late.Add(elapsed);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {s + 1}: turn 10 {early[^1]:F2} ms, turn {turns} {late[^1]:F2} ms"));
        }

        var (e, l) = (Stats.Median(early), Stats.Median(late));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median turn 10: {e:F2} ms; median turn {turns}: {l:F2} ms; ratio {l / e:F2}"));
        return 0;
    }
}
