using BenchmarkDotNet.Attributes;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// One analytics report over a day of turns (10 turns per conversation), read from the store's turn index and folded into
/// a report with a two-entry price table: the file store's day journal and the in-memory store's scan.
/// </summary>
[MemoryDiagnoser]
public class AnalyticsBenchmarks
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly AnalyticsOptions _prices = new();
    private IConversationStore _store = null!;
    private string? _directory;

    [Params("file", "in-memory")]
    public string Store { get; set; } = "file";

    [Params(1_000, 10_000)]
    public int Turns { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _prices.Prices.Add(new ModelPrice { Model = "gpt-4o-mini", InputPerMillionTokens = 0.15m, OutputPerMillionTokens = 0.6m });
        _prices.Prices.Add(new ModelPrice { Model = "gpt-4o", InputPerMillionTokens = 2.5m, OutputPerMillionTokens = 10m });
        _store = Store == "file"
            ? new FileConversationStore(new FileStoreOptions { Directory = _directory = Path.Combine(Path.GetTempPath(), "dt-bench-" + Guid.NewGuid().ToString("N")), FlushToDisk = false }, TimeProvider.System)
            : new InMemoryConversationStore();
        var sessions = Enumerable.Range(0, Turns / 10).Select(_ => new ConversationKey("bench", SessionId.New())).ToArray();
        for (var i = 0; i < Turns; i++)
        {
            var answered = Day.AddSeconds(i * 86_400.0 / Turns);
            await _store.AppendAsync(sessions[i % sessions.Length], new ConversationTurn(
                Guid.NewGuid().ToString("N"),
                new ConversationMessage(ConversationRole.User, "What did you work on at Contoso?", answered.AddSeconds(-1)),
                new ConversationMessage(ConversationRole.Assistant, "Mostly the payments platform, for four years.", answered))
            {
                Metadata = new TurnMetadata { Model = "gpt-4o-mini-2024-07-18", Provider = "openai", InputTokens = 1200 + i % 300, OutputTokens = 80 + i % 40, Latency = TimeSpan.FromMilliseconds(400 + i % 900), FinishReason = "stop" },
            });
        }
    }

    [Benchmark(Description = "report for one day")]
    public async Task<long> Report()
    {
        var aggregator = new TurnAggregator(_prices);
        await foreach (var record in _store.GetService<ITurnIndex>()!.ReadTurnsAsync("bench", Day, Day.AddDays(1)))
        {
            aggregator.Add(record);
        }

        return aggregator.ToReport("bench", Day, Day.AddDays(1)).Turns;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
