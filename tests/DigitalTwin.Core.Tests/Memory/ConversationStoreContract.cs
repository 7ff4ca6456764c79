using DigitalTwin.Analytics;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The behaviour every <see cref="IConversationStore"/> must have. A store's test class derives from this and supplies
/// fresh, empty stores; <see cref="CreatePeerAsync"/> gives a second instance over the same data, as a second host would.
/// </summary>
public abstract class ConversationStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected IConversationStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IConversationStore> CreateStoreAsync();

    /// <summary>Another instance reading and writing the same data as <paramref name="store"/> (another host).</summary>
    protected abstract Task<IConversationStore> CreatePeerAsync(IConversationStore store);

    public override async Task InitializeAsync() => Store = await CreateStoreAsync();

    protected static ConversationKey NewKey(string twin = "default") => new(twin, SessionId.New());

    protected static ConversationTurn Turn(string user, string assistant, int n = 0) => new(
        Guid.NewGuid().ToString("N"),
        new ConversationMessage(ConversationRole.User, user, T0.AddSeconds(2 * n)),
        new ConversationMessage(ConversationRole.Assistant, assistant, T0.AddSeconds(2 * n + 1)));

    [Fact]
    public async Task MissingSession_ReadsAsEmpty()
    {
        Assert.Empty(await Store.ReadLatestAsync(NewKey(), 10));
    }

    [Fact]
    public async Task AppendedTurns_ReadBackInOrderWithAllFields()
    {
        var key = NewKey();
        var first = Turn("hello", "hi there", 0) with { Metadata = new TurnMetadata { Model = "m1", InputTokens = 12, OutputTokens = 3, FinishReason = "stop", Latency = TimeSpan.FromMilliseconds(250) } };
        await Store.AppendAsync(key, first);
        await Store.AppendAsync(key, Turn("second", "answer two", 1));

        var turns = await Store.ReadAllAsync(key);

        Assert.Equal(2, turns.Count);
        Assert.Equal(first.TurnId, turns[0].TurnId);
        Assert.Equal("hello", turns[0].User.Content);
        Assert.Equal(ConversationRole.User, turns[0].User.Role);
        Assert.Equal("hi there", turns[0].Assistant.Content);
        Assert.Equal(ConversationRole.Assistant, turns[0].Assistant.Role);
        Assert.Equal(T0, turns[0].User.Timestamp);
        Assert.Equal(T0.AddSeconds(1), turns[0].Assistant.Timestamp);
        Assert.Equal(first.Metadata, turns[0].Metadata);
        Assert.Equal("second", turns[1].User.Content);
    }

    [Fact]
    public async Task ToolCallMetadata_RoundTrips()
    {
        var key = new ConversationKey("default", SessionId.New());
        var turn = Turn("contact me at grace@example.com", "Thanks, noted.", 0) with
        {
            Metadata = new TurnMetadata { Model = "m1", ToolCalls = [new("record_user_details", "recorded"), new("record_unknown_question", "call_limit_reached")] },
        };

        await Store.AppendAsync(key, turn);

        var read = Assert.Single(await Store.ReadLatestAsync(key, 5));
        Assert.Equal(turn.Metadata, read.Metadata);
        Assert.Equal(["record_user_details", "record_unknown_question"], read.Metadata!.ToolCalls!.Select(c => c.Name));
    }

    [Fact]
    public async Task ReadLatest_ReturnsTheNewestTurnsOldestFirst()
    {
        var key = NewKey();
        for (var i = 0; i < 25; i++)
        {
            await Store.AppendAsync(key, Turn($"u{i}", $"a{i}", i));
        }

        var window = await Store.ReadLatestAsync(key, 5);

        Assert.Equal(["u20", "u21", "u22", "u23", "u24"], window.Select(t => t.User.Content));
        Assert.Equal(25, (await Store.ReadLatestAsync(key, 100)).Count);
        Assert.Empty(await Store.ReadLatestAsync(key, 0));
    }

    [Fact]
    public async Task UnicodeText_RoundTripsExactly()
    {
        var key = NewKey();
        const string text = "Grüße, ¿qué tal? 你好 👋🏽 עברית \"quotes\" \\ back\nslash\ttab \u2028 line-sep";
        await Store.AppendAsync(key, Turn(text, text));

        var turn = Assert.Single(await Store.ReadAllAsync(key));

        Assert.Equal(text, turn.User.Content);
        Assert.Equal(text, turn.Assistant.Content);
    }

    [Fact]
    public async Task LargeMessages_RoundTrip()
    {
        var key = NewKey();
        var user = string.Concat(Enumerable.Repeat("Large message ünicode 🚀 ", 2000)); // ~50 KB of UTF-8
        var answer = new string('x', 150_000);
        await Store.AppendAsync(key, Turn(user, answer));
        await Store.AppendAsync(key, Turn("after", "small"));

        var turns = await Store.ReadAllAsync(key);

        Assert.Equal(user, turns[0].User.Content);
        Assert.Equal(answer, turns[0].Assistant.Content);
        Assert.Equal("after", turns[1].User.Content);
    }

    [Fact]
    public async Task Sessions_AreIsolated()
    {
        var a = NewKey();
        var b = NewKey();
        await Store.AppendAsync(a, Turn("for a", "reply a"));
        await Store.AppendAsync(b, Turn("for b", "reply b"));

        Assert.Equal("for a", Assert.Single(await Store.ReadAllAsync(a)).User.Content);
        Assert.Equal("for b", Assert.Single(await Store.ReadAllAsync(b)).User.Content);
    }

    [Fact]
    public async Task SameSessionIdUnderTwoTwins_StaysSeparate()
    {
        var session = SessionId.New();
        await Store.AppendAsync(new ConversationKey("alice", session), Turn("to alice", "alice here"));
        await Store.AppendAsync(new ConversationKey("bob", session), Turn("to bob", "bob here"));

        Assert.Equal("to alice", Assert.Single(await Store.ReadAllAsync(new ConversationKey("alice", session))).User.Content);
        Assert.Equal("to bob", Assert.Single(await Store.ReadAllAsync(new ConversationKey("bob", session))).User.Content);
        Assert.Empty(await Store.ReadAllAsync(new ConversationKey("default", session)));
    }

    [Fact]
    public async Task EightWritersOnOneSession_AcrossTwoHosts_KeepAll400TurnsAndEachWritersOrder()
    {
        var key = NewKey();
        var peer = await CreatePeerAsync(Store);
        const int writers = 8, turnsEach = 50;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? Store : peer;
            for (var i = 0; i < turnsEach; i++)
            {
                await store.AppendAsync(key, Turn($"w{w}-{i}", $"reply w{w}-{i}", i));
            }
        })));

        var all = await Store.ReadAllAsync(key);
        Assert.Equal(writers * turnsEach, all.Count);
        for (var w = 0; w < writers; w++)
        {
            var mine = all.Select(t => t.User.Content).Where(c => c.StartsWith($"w{w}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, turnsEach).Select(i => $"w{w}-{i}"), mine);
        }

        Assert.Equal(all.Select(t => t.TurnId), (await peer.ReadAllAsync(key)).Select(t => t.TurnId));
    }
    // ---- Listing turns by time (ITurnIndex), which analytics read ----

    private static ConversationTurn TurnAt(DateTimeOffset answered, string id) => new(
        id,
        new ConversationMessage(ConversationRole.User, "question " + id, answered.AddSeconds(-2)),
        new ConversationMessage(ConversationRole.Assistant, "answer " + id, answered))
    {
        Metadata = new TurnMetadata { Model = "gpt-test", Provider = "openai", InputTokens = 100, OutputTokens = 20, Latency = TimeSpan.FromMilliseconds(700), FinishReason = "stop" },
    };

    [Fact]
    public async Task TurnIndex_ListsEachTurnInThePeriodOnce_WithItsConversationAndMetadata_AndNothingOutside()
    {
        var twin = "idx-" + Guid.NewGuid().ToString("N")[..8];
        var since = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
        var until = since.AddDays(2);
        var a = new ConversationKey(twin, SessionId.New());
        var b = new ConversationKey(twin, SessionId.New());
        await Store.AppendAsync(a, TurnAt(since.AddTicks(-1), "before"));
        await Store.AppendAsync(a, TurnAt(since, "at-start"));
        await Store.AppendAsync(a, TurnAt(since.AddHours(23.99), "day-one"));
        await Store.AppendAsync(b, TurnAt(since.AddDays(1).AddMinutes(5), "day-two"));
        await Store.AppendAsync(b, TurnAt(until.AddTicks(-1), "last-tick"));
        await Store.AppendAsync(b, TurnAt(until, "at-end"));
        await Store.AppendAsync(new ConversationKey(twin + "-other", a.SessionId), TurnAt(since.AddHours(1), "other-twin"));

        var records = await StoreTurns.ReadTurnsAsync(Store, twin, since, until);

        Assert.Equal(["at-start", "day-one", "day-two", "last-tick"], records.Select(r => r.TurnId).Order(StringComparer.Ordinal));
        var dayOne = records.Single(r => r.TurnId == "day-one");
        Assert.Equal(since.AddHours(23.99), dayOne.Timestamp);
        Assert.Equal(TurnAt(since, "x").Metadata, dayOne.Metadata);
        Assert.Equal(2, records.Select(r => r.Conversation).Distinct().Count());
        Assert.Equal(records.Single(r => r.TurnId == "at-start").Conversation, dayOne.Conversation);
        Assert.NotEqual(dayOne.Conversation, records.Single(r => r.TurnId == "day-two").Conversation);
    }

    [Fact]
    public async Task TurnIndex_SeesTurnsWrittenByAnotherHost_AndAnEmptyPeriodListsNothing()
    {
        var twin = "idx-" + Guid.NewGuid().ToString("N")[..8];
        var peer = await CreatePeerAsync(Store);
        var when = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        await peer.AppendAsync(new ConversationKey(twin, SessionId.New()), TurnAt(when, "from-peer"));
        await Store.AppendAsync(new ConversationKey(twin, SessionId.New()), TurnAt(when.AddMinutes(1), "from-me"));

        Assert.Equal(["from-me", "from-peer"], (await StoreTurns.ReadTurnsAsync(Store, twin, when.AddDays(-40), when.AddDays(1))).Select(r => r.TurnId).Order(StringComparer.Ordinal));
        Assert.Equal(["from-me", "from-peer"], (await StoreTurns.ReadTurnsAsync(peer, twin, when, when.AddMinutes(2))).Select(r => r.TurnId).Order(StringComparer.Ordinal));
        Assert.Empty(await StoreTurns.ReadTurnsAsync(Store, twin, when.AddDays(1), when.AddDays(30)));
        Assert.Empty(await StoreTurns.ReadTurnsAsync(Store, "idx-never-used", when.AddDays(-1), when.AddDays(1)));
    }

    [Fact]
    public async Task TurnIndex_ListsATurnWithoutMetadata()
    {
        var twin = "idx-" + Guid.NewGuid().ToString("N")[..8];
        var when = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        await Store.AppendAsync(new ConversationKey(twin, SessionId.New()), TurnAt(when, "plain") with { Metadata = null });

        var record = Assert.Single(await StoreTurns.ReadTurnsAsync(Store, twin, when, when.AddSeconds(1)));

        Assert.Equal("plain", record.TurnId);
        Assert.Null(record.Metadata);
    }
}
