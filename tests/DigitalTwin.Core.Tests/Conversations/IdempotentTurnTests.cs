namespace DigitalTwin.Core.Tests.Conversations;

public sealed class IdempotentTurnTests : IDisposable
{
    private readonly TwinHost _host = new();

    public void Dispose() => _host.Dispose();

    private IConversationStore Store => _host.Twin.GetService<IConversationStore>()!;

    [Fact]
    public async Task RepeatedTurnId_ReturnsTheStoredAnswerWithoutCallingTheModelOrStoringAgain()
    {
        var session = SessionId.New();
        var first = await _host.Twin.ChatAsync(new TwinChatRequest("Hello", session) { TurnId = "turn-1" });
        _host.Model.Answer = _ => "a different answer";

        var repeat = await _host.Twin.ChatAsync(new TwinChatRequest("Hello", session) { TurnId = "turn-1" });

        Assert.False(first.IsReplay);
        Assert.True(repeat.IsReplay);
        Assert.Equal(first.Response, repeat.Response);
        Assert.Single(_host.Model.Calls);
        Assert.Single(await Store.ReadAllAsync(new ConversationKey("default", session)));
    }

    [Fact]
    public async Task FirstMessageWithTurnIdButNoSession_RetriedWithoutSession_IsRecognised()
    {
        var first = await _host.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "client-generated-42" });
        var retry = await _host.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "client-generated-42" });

        Assert.Equal(first.SessionId, retry.SessionId);
        Assert.True(retry.IsReplay);
        Assert.Single(_host.Model.Calls);
    }

    [Fact]
    public async Task SameTurnIdWithADifferentMessage_IsRefused_AndNeitherCallsTheModelNorStores()
    {
        var session = SessionId.New();
        await _host.Twin.ChatAsync(new TwinChatRequest("Hello", session) { TurnId = "turn-1" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Transfer the money", session) { TurnId = "turn-1" }));

        Assert.Single(_host.Model.Calls);
        Assert.Equal("Hello", Assert.Single(await Store.ReadAllAsync(new ConversationKey("default", session))).User.Content);
    }

    [Fact]
    public async Task SameTurnIdWithoutSessionWithADifferentMessage_IsRefused()
    {
        await _host.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-1" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _host.Twin.ChatAsync(new TwinChatRequest("What did I ask?") { TurnId = "order-1" }));

        Assert.Single(_host.Model.Calls);
    }

    [Fact]
    public async Task StreamingRepeatWithADifferentMessage_IsRefusedBeforeAnyUpdate()
    {
        var session = SessionId.New();
        await _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" });

        var updates = new List<TwinStreamUpdate>();
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(async () =>
        {
            await foreach (var update in _host.Twin.ChatStreamingAsync(new TwinChatRequest("Something else", session) { TurnId = "s1" }))
            {
                updates.Add(update);
            }
        });

        Assert.Empty(updates);
        Assert.Single(_host.Model.Calls);
    }

    [Fact]
    public async Task ConcurrentDuplicateWithADifferentMessage_IsRefusedWithoutWaitingForTheFirst()
    {
        var session = SessionId.New();
        _host.Model.Gate = new TaskCompletionSource();
        var first = _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "t" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Bye", session) { TurnId = "t" }));

        Assert.False(first.IsCompleted);
        _host.Model.Gate.SetResult();
        Assert.False((await first).IsReplay);
        Assert.Single(_host.Model.Calls);
    }

    [Fact]
    public async Task SessionOfAKeyWithoutSession_IsNotTheUnsaltedHashOfTheKey_AndDependsOnTheSecret()
    {
        const string Secret = "0123456789abcdef0123456789abcdef-shared";
        using var a = new TwinHost(options: o => o.IdempotencyKeySecret = Secret);
        using var b = new TwinHost(options: o => o.IdempotencyKeySecret = Secret);
        using var other = new TwinHost(options: o => o.IdempotencyKeySecret = new string('x', 40));
        var unsalted = "t-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("order-1"u8)).AsSpan(0, 32).ToString();

        var fromA = (await a.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-1" })).SessionId;
        var fromB = (await b.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-1" })).SessionId;
        var fromOther = (await other.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-1" })).SessionId;
        var unconfigured = (await _host.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-1" })).SessionId;

        Assert.Equal(fromA, fromB); // hosts sharing the secret (and a store) find the same session for a retry
        Assert.NotEqual(fromA, fromOther);
        Assert.DoesNotContain(unsalted, new[] { fromA.Value, fromOther.Value, unconfigured.Value });
        Assert.NotEqual(fromA, unconfigured);
        Assert.Empty(await _host.Twin.GetConversationAsync(SessionId.Parse(unsalted)));
    }

    [Fact]
    public async Task ConcurrentDuplicate_WaitsForTheFirstAndGetsItsAnswer()
    {
        var session = SessionId.New();
        _host.Model.Gate = new TaskCompletionSource();
        var first = _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "t" });
        var duplicate = _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "t" });
        await Task.Delay(100);
        Assert.False(duplicate.IsCompleted);

        _host.Model.Gate.SetResult();

        Assert.Equal((await first).Response, (await duplicate).Response);
        Assert.True((await duplicate).IsReplay);
        Assert.Single(_host.Model.Calls);
        Assert.Single(await Store.ReadAllAsync(new ConversationKey("default", session)));
    }

    [Fact]
    public async Task TwoHostsSharingAStore_RecogniseEachOthersCompletedTurns()
    {
        var store = new InMemoryConversationStore();
        var models = new[] { new FakeChatClient(), new FakeChatClient() };
        var twins = models.Select(model =>
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(model).UseStore(_ => store);
            return services.BuildServiceProvider().GetRequiredService<IDigitalTwin>();
        }).ToArray();
        var session = SessionId.New();

        var answer = await twins[0].ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
        var elsewhere = await twins[1].ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });

        Assert.Equal(answer.Response, elsewhere.Response);
        Assert.True(elsewhere.IsReplay);
        Assert.Empty(models[1].Calls);
    }

    [Fact]
    public async Task SameTurnIdInAnotherSession_IsRefused_StreamingToo_AndNothingIsStoredThere()
    {
        var (first, other) = (SessionId.New(), SessionId.New());
        await _host.Twin.ChatAsync(new TwinChatRequest("Hello", first) { TurnId = "turn-1" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Hello", other) { TurnId = "turn-1" }));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(
            () => _host.Twin.ChatStreamingAsync(new TwinChatRequest("Hello", other) { TurnId = "turn-1" }).ToListAsync().AsTask());

        Assert.Single(_host.Model.Calls);
        Assert.Empty(await Store.ReadAllAsync(new ConversationKey("default", other)));
    }

    [Fact]
    public async Task SameTurnIdOnAnotherTwinSharingTheStore_IsRefused_WhileAnUnusedKeyIsAnswered()
    {
        var store = new InMemoryConversationStore();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDigitalTwin("alice", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseStore(_ => store);
        services.AddDigitalTwin("bob", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseStore(_ => store);
        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<IDigitalTwinCatalog>();
        await catalog.Find("alice")!.ChatAsync(new TwinChatRequest("Hi") { TurnId = "shared-key" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => catalog.Find("bob")!.ChatAsync(new TwinChatRequest("Hi") { TurnId = "shared-key" }));
        var fresh = await catalog.Find("bob")!.ChatAsync(new TwinChatRequest("Hi") { TurnId = "bobs-own-key" });

        Assert.False(fresh.IsReplay);
    }

    [Fact]
    public async Task KeyBinding_EndsAfterTheRetention_SoTheKeyMayNameANewRequest()
    {
        using var host = new TwinHost(options: o => o.IdempotencyKeyRetention = TimeSpan.FromMinutes(5));
        await host.Twin.ChatAsync(new TwinChatRequest("Hello", SessionId.New()) { TurnId = "daily" });
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => host.Twin.ChatAsync(new TwinChatRequest("Hello", SessionId.New()) { TurnId = "daily" }));

        host.Clock.Advance(TimeSpan.FromMinutes(6));
        var later = await host.Twin.ChatAsync(new TwinChatRequest("Hello", SessionId.New()) { TurnId = "daily" });

        Assert.False(later.IsReplay);
    }

    [Fact]
    public async Task StreamingRepeat_ReplaysTheStoredAnswer()
    {
        var session = SessionId.New();
        await _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" });

        var updates = await _host.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" }).ToListAsync();

        ReplayedStream.AssertReplayOf("Echo: Hi", updates);
        Assert.Single(_host.Model.Calls);
    }

    [Fact]
    public async Task FailedFirstAttempt_IsNotRemembered_SoTheRetryCallsTheModel()
    {
        var session = SessionId.New();
        _host.Model.Throw = new DigitalTwin.Providers.ChatProviderException(DigitalTwin.Providers.ChatProviderFailure.Unavailable, "503");
        await Assert.ThrowsAsync<DigitalTwin.Providers.ChatProviderException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "r" }));
        _host.Model.Throw = null;

        var retry = await _host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "r" });

        Assert.False(retry.IsReplay);
        Assert.Equal(2, _host.Model.Calls.Count);
    }

    [Fact]
    public async Task StoreWithoutClaims_KeepsRepeatsIdempotentOnceStored_AndTheTwinsStoreDoesNotPretendToClaim()
    {
        var plain = new PlainStore(new InMemoryConversationStore());
        using var host = new TwinHost(b => b.UseChatClient(new FakeChatClient()).UseStore(_ => plain));
        var session = SessionId.New();

        var first = await host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "p1" });
        var repeat = await host.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "p1" });

        Assert.Null(host.Twin.GetService<IConversationStore>()!.GetService<ITurnClaims>());
        Assert.NotNull(Store.GetService<ITurnClaims>()); // the in-memory store has claims, and its wrapper forwards them
        Assert.Equal((first.Response, true), (repeat.Response, repeat.IsReplay));
    }

    /// <summary>A store with nothing but <see cref="IConversationStore"/>, as a custom store may be.</summary>
    private sealed class PlainStore(IConversationStore inner) : IConversationStore
    {
        public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) => inner.AppendAsync(key, turn, cancellationToken);

        public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) => inner.ReadLatestAsync(key, maxTurns, cancellationToken);
    }
}
