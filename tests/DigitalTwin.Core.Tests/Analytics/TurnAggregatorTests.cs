using DigitalTwin.Analytics;

namespace DigitalTwin.Core.Tests.Analytics;

public sealed class TurnAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static TurnRecord Record(string conversation, string? model, long? input, long? output, double? latencyMs = null, string? finish = "stop") =>
        new(conversation, Guid.NewGuid().ToString("N"), T0)
        {
            Metadata = new TurnMetadata
            {
                Model = model, Provider = "openai", InputTokens = input, OutputTokens = output,
                Latency = latencyMs is null ? null : TimeSpan.FromMilliseconds(latencyMs.Value), FinishReason = finish,
            },
        };

    private static AnalyticsOptions Prices(params (string Model, decimal In, decimal Out)[] prices)
    {
        var options = new AnalyticsOptions { Currency = "EUR" };
        foreach (var (model, input, output) in prices)
        {
            options.Prices.Add(new ModelPrice { Model = model, InputPerMillionTokens = input, OutputPerMillionTokens = output });
        }

        return options;
    }

    private static ConversationAnalyticsReport Fold(AnalyticsOptions options, params TurnRecord[] records)
    {
        var aggregator = new TurnAggregator(options);
        foreach (var record in records)
        {
            aggregator.Add(record);
        }

        return aggregator.ToReport("default", T0, T0.AddDays(1));
    }

    [Fact]
    public void Cost_UsesTheExactEntry_ElseTheLongestPrefix_IgnoringCase()
    {
        var options = Prices(("gpt-4o", 2.50m, 10m), ("gpt-4o-mini", 0.15m, 0.60m), ("GPT-4O-MINI-2024-07-18", 1m, 1m));

        var report = Fold(options,
            Record("c1", "gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000), // exact (case-insensitive): 1 + 1
            Record("c1", "gpt-4o-mini-2025-01-01", 2_000_000, 1_000_000), // longest prefix gpt-4o-mini: 0.30 + 0.60
            Record("c2", "gpt-4o-2024-08-06", 100_000, 10_000));          // prefix gpt-4o: 0.25 + 0.10

        Assert.Equal(2m + 0.90m + 0.35m, report.EstimatedCost);
        Assert.Equal("EUR", report.Currency);
        Assert.Equal(0, report.UnpricedTurns);
        Assert.Equal(3_100_000, report.InputTokens);
        Assert.Equal(2_010_000, report.OutputTokens);
    }

    [Fact]
    public void TurnsWithoutAPriceOrTokenCounts_AreCountedAsUnpriced_AndListedByModel()
    {
        var report = Fold(Prices(("priced", 1m, 2m)),
            Record("c1", "priced", 1_000_000, 500_000),
            Record("c1", "mystery-model", 10, 5),
            Record("c2", "priced", null, null),
            new TurnRecord("c3", "old", T0));

        Assert.Equal(4, report.Turns);
        Assert.Equal(3, report.Conversations);
        Assert.Equal(2m, report.EstimatedCost);
        Assert.Equal(3, report.UnpricedTurns);
        var priced = Assert.Single(report.Models, m => m.Model == "priced");
        Assert.Equal((2L, 2m), (priced.Turns, priced.EstimatedCost!.Value));
        Assert.Null(Assert.Single(report.Models, m => m.Model == "mystery-model").EstimatedCost);
        Assert.Equal(1, Assert.Single(report.Models, m => m.Model is null).Turns);
        Assert.Equal("priced", report.Models[0].Model); // most turns first
    }

    [Fact]
    public void LatencyPercentiles_AreNearestRank()
    {
        var records = Enumerable.Range(1, 100).Reverse().Select(ms => Record("c", "m", 1, 1, ms)).Append(Record("c", "m", 1, 1, latencyMs: null)).ToArray();

        var report = Fold(new AnalyticsOptions(), records);

        Assert.Equal(TimeSpan.FromMilliseconds(50), report.LatencyP50);
        Assert.Equal(TimeSpan.FromMilliseconds(95), report.LatencyP95);
        Assert.Equal(TimeSpan.FromMilliseconds(7), Fold(new AnalyticsOptions(), Record("c", "m", 1, 1, 7)).LatencyP95);
    }

    [Fact]
    public void NoTurns_GiveZerosAndNoLatency()
    {
        var report = Fold(new AnalyticsOptions());

        Assert.Equal((0, 0L, 0m), (report.Conversations, report.Turns, report.EstimatedCost));
        Assert.Null(report.LatencyP50);
        Assert.Null(report.LatencyP95);
        Assert.Empty(report.Models);
        Assert.Empty(report.FinishReasons);
    }

    [Fact]
    public void FinishReasons_AreCounted()
    {
        var report = Fold(new AnalyticsOptions(), Record("c", "m", 1, 1), Record("c", "m", 1, 1, finish: "length"), Record("c", "m", 1, 1), Record("c", "m", 1, 1, finish: null));

        Assert.Equal(new Dictionary<string, long> { ["stop"] = 2, ["length"] = 1 }, report.FinishReasons);
    }
}
