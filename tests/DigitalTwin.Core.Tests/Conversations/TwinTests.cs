using DigitalTwin.Providers;

namespace DigitalTwin.Core.Tests.Conversations;

public sealed class TwinTests : IDisposable
{
    private readonly TwinHost _host = new();

    public void Dispose() => _host.Dispose();

    private IConversationStore Store => _host.Twin.GetService<IConversationStore>()!;

    [Fact]
    public async Task FirstMessage_StartsASessionStoresTheTurnAndReturnsTheAnswer()
    {
        var reply = await _host.Twin.ChatAsync(new TwinChatRequest("Hello Maya"));

        Assert.Equal("Echo: Hello Maya", reply.Response);
        var turn = Assert.Single(await Store.ReadAllAsync(new ConversationKey("default", reply.SessionId)));
        Assert.Equal("Hello Maya", turn.User.Content);
        Assert.Equal("Echo: Hello Maya", turn.Assistant.Content);
        Assert.Equal(_host.Clock.GetUtcNow(), turn.User.Timestamp);
        Assert.Equal("fake-model", turn.Metadata!.Model);
        Assert.Equal("fake", turn.Metadata.Provider);
        Assert.Equal(10, turn.Metadata.InputTokens);
        Assert.Equal("stop", turn.Metadata.FinishReason);
    }

    [Fact]
    public async Task NextMessage_SendsSystemPromptThenHistoryThenTheMessage()
    {
        var first = await _host.Twin.ChatAsync(new TwinChatRequest("One"));
        await _host.Twin.ChatAsync(new TwinChatRequest("Two", first.SessionId));

        var sent = _host.Model.Calls[^1];
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], sent.Select(m => m.Role));
        Assert.Contains("Maya Lindqvist", sent[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("2026-05-01 09:30:00 UTC+00:00", sent[0].Text.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(["One", "Echo: One", "Two"], sent.Skip(1).Select(m => m.Text));
    }

    [Fact]
    public async Task LongConversation_SendsOnlyTheConfiguredWindow()
    {
        var session = (await _host.Twin.ChatAsync(new TwinChatRequest("m0"))).SessionId;
        for (var i = 1; i < 12; i++)
        {
            await _host.Twin.ChatAsync(new TwinChatRequest($"m{i}", session));
        }

        var sent = _host.Model.Calls[^1];
        Assert.Equal(1 + 10 + 1, sent.Count);
        Assert.Equal("m6", sent[1].Text);
        Assert.Equal(12, (await _host.Twin.GetConversationAsync(session)).Count / 2);
    }

    [Fact]
    public async Task ProviderFailure_StoresNothingAndThrowsTypedError()
    {
        _host.Model.Throw = new HttpRequestException("connection refused");
        var session = SessionId.New();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Hi", session)));

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
        Assert.Empty(await _host.Twin.GetConversationAsync(session));
    }

    [Fact]
    public async Task EmptyAnswer_IsAnInvalidResponseAndStoresNothing()
    {
        _host.Model.Answer = _ => "   ";
        var session = SessionId.New();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => _host.Twin.ChatAsync(new TwinChatRequest("Hi", session)));

        Assert.Equal(ChatProviderFailure.InvalidResponse, ex.Failure);
        Assert.Empty(await _host.Twin.GetConversationAsync(session));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyMessage_IsRejectedBeforeTheModelIsCalled(string message)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Twin.ChatAsync(new TwinChatRequest(message)));
        Assert.Empty(_host.Model.Calls);
    }

    [Fact]
    public async Task OverlongMessage_IsRejectedBeforeTheModelIsCalled()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _host.Twin.ChatAsync(new TwinChatRequest(new string('x', 4001))));
        Assert.Contains("4000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Model.Calls);
    }

    [Fact]
    public async Task Streaming_YieldsSessionDeltasAndCompletion_ThenStoresTheWholeTurnOnce()
    {
        _host.Model.Answer = _ => "I build serverless platforms";
        var updates = await _host.Twin.ChatStreamingAsync(new TwinChatRequest("What do you do?")).ToListAsync();

        Assert.Equal(TwinStreamUpdateKind.Session, updates[0].Kind);
        Assert.Equal(TwinStreamUpdateKind.Completed, updates[^1].Kind);
        Assert.Equal("I build serverless platforms", string.Concat(updates.Where(u => u.Kind == TwinStreamUpdateKind.Delta).Select(u => u.Text)));
        Assert.Equal(4, updates[^1].Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var turn = Assert.Single(await Store.ReadAllAsync(new ConversationKey("default", updates[0].SessionId)));
        Assert.Equal("I build serverless platforms", turn.Assistant.Content);
        Assert.Equal(updates[^1].TurnId, turn.TurnId);
    }

    [Fact]
    public async Task StreamFailingMidway_StoresNothing()
    {
        _host.Model.Answer = _ => "one two three four";
        _host.Model.ThrowAfterChunks = 2;
        var session = SessionId.New();
        var texts = new List<string?>();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in _host.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session)))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(2, texts.Count(t => t is not null));
        Assert.Empty(await _host.Twin.GetConversationAsync(session));
    }

    [Fact]
    public async Task StreamCancelledByTheCaller_CancelsTheModelAndStoresNothing()
    {
        _host.Model.Answer = _ => "one two three";
        _host.Model.Gate = new TaskCompletionSource();
        var session = SessionId.New();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _host.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session), cts.Token))
            {
                if (update.Kind == TwinStreamUpdateKind.Delta)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.True(_host.Model.LastToken.IsCancellationRequested);
        Assert.Empty(await _host.Twin.GetConversationAsync(session));
    }

    [Fact]
    public async Task NoProvider_FailsWithNotConfiguredSayingWhatToSet()
    {
        using var host = new TwinHost(b => b.UseInMemoryStore());

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => host.Twin.ChatAsync(new TwinChatRequest("Hi")));

        Assert.Equal(ChatProviderFailure.NotConfigured, ex.Failure);
        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameSessionUnderTwoTwins_StaysSeparate()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var model = new FakeChatClient();
        services.AddSingleton<IConversationStore>(new InMemoryConversationStore());
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(model);
        services.AddDigitalTwin("other", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(model);
        await using var sp = services.BuildServiceProvider();
        var catalog = sp.GetRequiredService<IDigitalTwinCatalog>();
        var session = SessionId.New();

        await catalog.Find("default")!.ChatAsync(new TwinChatRequest("to default", session));
        await catalog.Find("OTHER")!.ChatAsync(new TwinChatRequest("to other", session));

        Assert.Equal("to default", (await catalog.Find("default")!.GetConversationAsync(session))[0].Content);
        Assert.Equal("to other", (await catalog.Find("other")!.GetConversationAsync(session))[0].Content);
        Assert.Null(catalog.Find("missing"));
        Assert.Equal(["default", "other"], catalog.Names);
    }
}
