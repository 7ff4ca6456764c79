using DigitalTwin.Analytics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Analytics;

public sealed class ConversationAnalyticsTests
{
    private static readonly Dictionary<string, string?> BedrockPrice = new()
    {
        ["DigitalTwin:Analytics:Currency"] = "USD",
        ["DigitalTwin:Analytics:Prices:0:Model"] = "fake-model",
        ["DigitalTwin:Analytics:Prices:0:InputPerMillionTokens"] = "3",
        ["DigitalTwin:Analytics:Prices:0:OutputPerMillionTokens"] = "15",
        ["DigitalTwin:Analytics:Prices:1:Model"] = "anthropic.claude-3-haiku-20240307-v1:0",
        ["DigitalTwin:Analytics:Prices:1:InputPerMillionTokens"] = "0.25",
        ["DigitalTwin:Analytics:Prices:1:OutputPerMillionTokens"] = "1.25",
    };

    [Fact]
    public async Task TurnsThroughTheTwin_AreSummarisedWithTokensCostAndLatency()
    {
        using var host = new TwinHost(settings: BedrockPrice);
        var latencies = new Queue<int>([100, 200, 300, 400]);
        host.Model.Answer = m =>
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(latencies.Dequeue()));
            return "ok " + m[^1].Text;
        };
        var since = host.Clock.GetUtcNow();
        var first = await host.Twin.ChatAsync(new TwinChatRequest("one"));
        await host.Twin.ChatAsync(new TwinChatRequest("two", first.SessionId));
        await host.Twin.ChatAsync(new TwinChatRequest("three"));
        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.Twin.ChatAsync(new TwinChatRequest("later, outside the period"));

        var report = await host.Services.GetRequiredService<IConversationAnalytics>().SummarizeAsync("DEFAULT", since, since.AddDays(1));

        Assert.Equal("default", report.Twin);
        Assert.Equal((2, 3L), (report.Conversations, report.Turns));
        Assert.Equal((30L, 15L), (report.InputTokens, report.OutputTokens)); // the fake model reports 10 in, 5 out
        Assert.Equal((30 * 3m + 15 * 15m) / 1_000_000m, report.EstimatedCost);
        Assert.Equal(0, report.UnpricedTurns);
        Assert.Equal(TimeSpan.FromMilliseconds(200), report.LatencyP50);
        Assert.Equal(TimeSpan.FromMilliseconds(300), report.LatencyP95);
        Assert.Equal(3, Assert.Single(report.Models).Turns);
        Assert.Equal(3, report.FinishReasons["stop"]);
    }

    [Fact]
    public void PriceTable_BindsModelIdsWithColonsFromConfiguration()
    {
        using var host = new TwinHost(settings: BedrockPrice);

        var prices = host.Services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get(DigitalTwinDefaults.TwinName).Analytics.Prices;

        Assert.Equal(["fake-model", "anthropic.claude-3-haiku-20240307-v1:0"], prices.Select(p => p.Model));
        Assert.Equal(1.25m, prices[1].OutputPerMillionTokens);
    }

    [Fact]
    public async Task UnknownTwin_OrEmptyPeriod_IsAnArgumentError()
    {
        using var host = new TwinHost();
        var analytics = host.Services.GetRequiredService<IConversationAnalytics>();
        var now = host.Clock.GetUtcNow();

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => analytics.SummarizeAsync("nobody", now.AddDays(-1), now));
        Assert.Contains("default", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => analytics.SummarizeAsync("default", now, now));
    }

    [Fact]
    public async Task StoreWithoutATurnIndex_IsNotSupported_WithAMessageSayingWhatToDo()
    {
        using var host = new TwinHost(b => b.UseChatClient(new FakeChatClient()).UseStore(_ => new NoIndexStore()));
        var now = host.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => host.Services.GetRequiredService<IConversationAnalytics>().SummarizeAsync("default", now.AddDays(-1), now));

        Assert.Contains(nameof(ITurnIndex), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(NoIndexStore), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPriceTable_FailsAtStartWithTheSettingNamed()
    {
        using var host = new TwinHost(settings: new Dictionary<string, string?>
        {
            ["DigitalTwin:Analytics:Prices:0:Model"] = "",
            ["DigitalTwin:Analytics:Prices:0:InputPerMillionTokens"] = "-1",
            ["DigitalTwin:Analytics:Prices:1:Model"] = "a",
            ["DigitalTwin:Analytics:Prices:2:Model"] = "A",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get(DigitalTwinDefaults.TwinName));

        Assert.Contains("DigitalTwin:Analytics:Prices:0:Model is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("negative price", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lists the model 'a' 2 times", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedTwins_AreSummarisedSeparately()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        services.AddDigitalTwin("alice", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<IDigitalTwinCatalog>();
        var since = clock.GetUtcNow();
        await catalog.Find("alice")!.ChatAsync(new TwinChatRequest("hi alice"));
        await catalog.Find("alice")!.ChatAsync(new TwinChatRequest("hi again"));
        await catalog.Find("default")!.ChatAsync(new TwinChatRequest("hi default"));

        var analytics = provider.GetRequiredService<IConversationAnalytics>();

        Assert.Equal(2, (await analytics.SummarizeAsync("alice", since, since.AddHours(1))).Turns);
        Assert.Equal(1, (await analytics.SummarizeAsync("default", since, since.AddHours(1))).Turns);
    }

    private sealed class NoIndexStore : IConversationStore
    {
        public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ConversationTurn>>([]);
    }
}
