using DigitalTwin.Owner;
using DigitalTwin.Providers;
using DigitalTwin.Tools;

namespace DigitalTwin.Core.Tests.Tools;

/// <summary>The built-in tools through the twin: records kept, bad arguments refused, limits, and the turn's metadata.</summary>
public sealed class LeadCaptureTests : IDisposable
{
    private readonly ToolCallingModel _model = new();
    private readonly TwinHost _host;

    public LeadCaptureTests() => _host = Host();

    public void Dispose() => _host.Dispose();

    internal static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private TwinHost Host(Action<ToolsOptions>? tools = null, Action<DigitalTwinOptions>? options = null) =>
        new(b => b.UseChatClient(_model).UseInMemoryStore().UseLeadCapture(tools), options: options);

    internal static async Task<List<OwnerRecord>> RecordsAsync(IDigitalTwin twin) =>
        await ((IConversationStore)twin.GetService(typeof(IConversationStore))!).GetService<IOwnerRecords>()!
            .ReadAsync(twin.Name, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ValidLead_IsRecordedOnce_AndTheTurnKeepsOnlyTheVisibleAnswerWithToolMetadata(bool stream)
    {
        _model.Call("record_user_details", Args(("email", "grace@example.com"), ("name", "Grace Hopper"), ("notes", "Compilers")), "One moment.")
            .Answer("Thanks Grace, Tess will be in touch.");

        var (answer, turnId, session) = await AskAsync(_host.Twin, "Please contact me at grace@example.com", stream);

        Assert.Equal("One moment.\n\nThanks Grace, Tess will be in touch.", answer);
        var record = Assert.Single(await RecordsAsync(_host.Twin));
        Assert.Equal((OwnerRecordKind.Lead, "grace@example.com", "Grace Hopper", "Compilers"), (record.Kind, record.Email, record.Name, record.Notes));
        Assert.Equal(OwnerRecord.IdFor(record.Conversation, turnId, OwnerRecordKind.Lead), record.Id);
        Assert.Equal(session, record.Conversation.SessionId);
        Assert.StartsWith("Recorded", Assert.Single(_model.ToolResults()));
        var turn = Assert.Single(await ((IConversationStore)_host.Twin.GetService(typeof(IConversationStore))!).ReadLatestAsync(record.Conversation, 5));
        Assert.Equal(answer, turn.Assistant.Content);
        Assert.Equal([new TurnToolCall("record_user_details", "recorded")], turn.Metadata!.ToolCalls);
    }

    [Theory]
    [InlineData("not-an-email", null, null)]
    [InlineData("Grace <grace@example.com>", null, null)]
    [InlineData("grace@localhost", null, null)]
    [InlineData("", null, null)]
    [InlineData("grace@example.com", 201, null)]
    [InlineData("grace@example.com", null, 2001)]
    public async Task InvalidLeadArguments_GetAnErrorTheModelCanRecoverFrom_AndStoreNothing(string email, int? nameLength, int? notesLength)
    {
        var args = Args(("email", email));
        if (nameLength is { } n)
        {
            args["name"] = new string('n', n);
        }

        if (notesLength is { } l)
        {
            args["notes"] = new string('x', l);
        }

        _model.Call("record_user_details", args).Answer("Could you check your email address?");

        var (answer, _, session) = await AskAsync(_host.Twin, "contact me", stream: false);

        Assert.Equal("Could you check your email address?", answer);
        Assert.Empty(await RecordsAsync(_host.Twin));
        var result = Assert.Single(_model.ToolResults());
        Assert.StartsWith("Error:", result);
        Assert.Contains("Nothing was recorded", result);
        Assert.Equal("invalid_arguments", Assert.Single((await LatestTurnAsync(_host.Twin, session)).Metadata!.ToolCalls!).Outcome);
    }

    [Fact]
    public async Task UnknownQuestion_IsRecorded_AndATooLongOneIsRefused()
    {
        _model.Call("record_unknown_question", Args(("question", "What is Tess's favourite opera?"))).Answer("I don't know, but I noted it.");
        await AskAsync(_host.Twin, "favourite opera?", stream: false);
        _model.Call("record_unknown_question", Args(("question", new string('q', 1001)))).Answer("Sorry.");
        await AskAsync(_host.Twin, "long question", stream: false);

        var record = Assert.Single(await RecordsAsync(_host.Twin));
        Assert.Equal((OwnerRecordKind.UnansweredQuestion, "What is Tess's favourite opera?"), (record.Kind, record.Question));
        Assert.StartsWith("Error: 'question' is too long", Assert.Single(_model.ToolResults()));
    }

    [Fact]
    public async Task ModelThatKeepsCallingTools_IsStoppedAtMaxToolCallsPerTurn_AndMustAnswerWithoutTools()
    {
        using var host = Host(t => t.MaxToolCallsPerTurn = 2);
        _model.CallMany(
                ("record_unknown_question", Args(("question", "one?"))),
                ("record_unknown_question", Args(("question", "two?"))),
                ("record_user_details", Args(("email", "a@example.com"))))
            .Call("record_user_details", Args(("email", "b@example.com")))
            .Answer("Done.");

        var (answer, _, session) = await AskAsync(host.Twin, "spam the tools", stream: false);

        Assert.Equal("Done.", answer);
        Assert.Single(await RecordsAsync(host.Twin)); // a turn keeps one record per kind; the lead was refused by the call limit
        Assert.Equal(3, _model.Calls.Count);
        Assert.All(_model.ToolResults().Skip(2), r => Assert.StartsWith("Error: this turn has used all of its tool calls", r));
        var calls = (await LatestTurnAsync(host.Twin, session)).Metadata!.ToolCalls!;
        Assert.Equal(["recorded", "already_recorded", "call_limit_reached", "call_limit_reached"], calls.Select(c => c.Outcome));
    }

    [Fact]
    public async Task ModelThatNeverStopsCallingTools_IsAskedOnceMoreWithoutTools_AfterMaxToolCallsPlusOneRounds()
    {
        using var host = Host(t => t.MaxToolCallsPerTurn = 1);
        for (var i = 0; i < 10; i++)
        {
            _model.Call("record_user_details", Args(("email", $"visitor{i}@example.com")));
        }

        var reply = await host.Twin.ChatAsync(new TwinChatRequest("loop"));

        Assert.Equal(_model.FinalAnswer, reply.Response);
        Assert.Equal(3, _model.Calls.Count); // a round that runs the one allowed call, a round that is refused, the last without tools
        Assert.All(_model.Calls.SkipLast(1), c => Assert.Equal(2, c.Options!.Tools!.Count));
        Assert.Empty(_model.Calls[^1].Options?.Tools ?? []);
        Assert.Equal(["recorded", "call_limit_reached"], (await LatestTurnAsync(host.Twin, reply.SessionId)).Metadata!.ToolCalls!.Select(c => c.Outcome));
        Assert.Equal("visitor0@example.com", Assert.Single(await RecordsAsync(host.Twin)).Email);
    }

    [Fact]
    public async Task RecordsPerSession_AreCapped()
    {
        using var host = Host(t => t.MaxRecordsPerSession = 1);
        _model.Call("record_unknown_question", Args(("question", "first?"))).Answer("Noted.")
            .Call("record_unknown_question", Args(("question", "second?"))).Answer("Noted again.");
        var (_, _, session) = await AskAsync(host.Twin, "q1", stream: false);

        await host.Twin.ChatAsync(new TwinChatRequest("q2", session));

        Assert.Equal("first?", Assert.Single(await RecordsAsync(host.Twin)).Question);
        Assert.StartsWith("Error: this visitor has left as many records", Assert.Single(_model.ToolResults()));
    }

    [Fact]
    public async Task RecordsPerClientAddress_AreCappedOverSessions_AndOtherClientsAreNotAffected()
    {
        using var host = Host(t => t.MaxRecordsPerClient = 1);
        foreach (var client in new[] { "203.0.113.7", "203.0.113.7", "198.51.100.1" })
        {
            _model.Call("record_unknown_question", Args(("question", "from " + client + "?"))).Answer("Noted.");
            await host.Twin.ChatAsync(new TwinChatRequest("hello") { ClientAddress = client }); // a new session each time
        }

        Assert.Equal(["from 198.51.100.1?", "from 203.0.113.7?"], (await RecordsAsync(host.Twin)).Select(r => r.Question!).Order());
    }

    [Fact]
    public async Task RecordLimits_StartAgainInTheNextWindow()
    {
        using var host = Host(t => (t.MaxRecordsPerClient, t.RecordLimitWindow) = (1, TimeSpan.FromMinutes(10)));
        _model.Call("record_unknown_question", Args(("question", "a?"))).Answer("Noted.");
        await host.Twin.ChatAsync(new TwinChatRequest("hello") { ClientAddress = "203.0.113.7" });
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        _model.Call("record_unknown_question", Args(("question", "b?"))).Answer("Noted.");
        await host.Twin.ChatAsync(new TwinChatRequest("hello") { ClientAddress = "203.0.113.7" });

        Assert.Equal(2, (await RecordsAsync(host.Twin)).Count);
    }

    [Fact]
    public async Task RetriedTurn_RecordsOnce_AndAReplayedTurnNeverRunsTheModel()
    {
        _model.Call("record_user_details", Args(("email", "grace@example.com")));
        var request = new TwinChatRequest("contact me: grace@example.com") { TurnId = "turn-key-1" };

        // First attempt: the tool runs, then the model's next call fails and nothing is stored.
        var failing = new FailingSecondCall(_model);
        using var host = new TwinHost(b => b.UseChatClient(failing).UseInMemoryStore().UseLeadCapture());
        await Assert.ThrowsAsync<ChatProviderException>(() => host.Twin.ChatAsync(request));
        var session = Assert.Single(await RecordsAsync(host.Twin)).Conversation.SessionId;

        _model.Call("record_user_details", Args(("email", "grace@example.com"))).Answer("Thanks, noted.");
        var retried = await host.Twin.ChatAsync(request with { SessionId = session });
        var calls = _model.Calls.Count;
        var replayed = await host.Twin.ChatAsync(request with { SessionId = session });

        Assert.Equal("Thanks, noted.", retried.Response);
        Assert.Equal(retried.Response, replayed.Response);
        Assert.Equal(calls, _model.Calls.Count);
        Assert.Single(await RecordsAsync(host.Twin));
        Assert.Equal("already_recorded", Assert.Single((await LatestTurnAsync(host.Twin, session)).Metadata!.ToolCalls!).Outcome);
    }

    [Fact]
    public async Task StreamHeldBeforeItsFirstText_IsRetriedWhole_SoAToolCallInAFailedAttemptNeverRuns()
    {
        using var host = new TwinHost(
            b => b.UseChatClient(_model).UseInMemoryStore().UseLeadCapture(),
            options: o => (o.Resilience.MaxRetries, o.Resilience.BaseDelay) = (1, TimeSpan.Zero));
        _model.Call("record_unknown_question", Args(("question", "first attempt?")))
            .Call("record_unknown_question", Args(("question", "second attempt?")))
            .Answer("Noted it.");
        _model.FailNextAfterUpdates = new ChatProviderException(ChatProviderFailure.Unavailable, "503");

        var (answer, _, _) = await AskAsync(host.Twin, "question", stream: true);

        Assert.Equal("Noted it.", answer);
        Assert.Equal("second attempt?", Assert.Single(await RecordsAsync(host.Twin)).Question);
    }

    [Fact]
    public void StoreWithoutOwnerRecords_StopsATwinWithLeadCapture_WithAMessage()
    {
        using var host = new TwinHost(b => b.UseChatClient(_model).UseStore(_ => new StoreWithoutRecords()).UseLeadCapture());

        var error = Assert.Throws<InvalidOperationException>(() => host.Twin);

        Assert.Contains("keeps no owner records", error.Message);
        Assert.Contains("DigitalTwin:Tools:LeadCapture", error.Message);
    }

    [Fact]
    public async Task TwinWithoutTools_SendsNoTools()
    {
        using var host = new TwinHost(b => b.UseChatClient(_model).UseInMemoryStore());

        await host.Twin.ChatAsync(new TwinChatRequest("hello"));

        Assert.Null(Assert.Single(_model.Calls).Options);
    }

    internal static async Task<(string Answer, string TurnId, SessionId Session)> AskAsync(IDigitalTwin twin, string message, bool stream)
    {
        if (!stream)
        {
            var reply = await twin.ChatAsync(new TwinChatRequest(message));
            return (reply.Response, reply.TurnId!, reply.SessionId);
        }

        var updates = await twin.ChatStreamingAsync(new TwinChatRequest(message)).ToListAsync();
        var done = updates.Single(u => u.Kind == TwinStreamUpdateKind.Completed);
        return (string.Concat(updates.Where(u => u.Kind == TwinStreamUpdateKind.Delta).Select(u => u.Text)), done.TurnId!, done.SessionId);
    }

    internal static async Task<ConversationTurn> LatestTurnAsync(IDigitalTwin twin, SessionId session)
    {
        var store = (IConversationStore)twin.GetService(typeof(IConversationStore))!;
        return (await store.ReadLatestAsync(new ConversationKey(twin.Name, session), 1)).Single();
    }

    /// <summary>A store with conversations but no owner records.</summary>
    private sealed class StoreWithoutRecords : IConversationStore
    {
        private readonly InMemoryConversationStore _inner = new(TimeProvider.System);

        public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) => _inner.AppendAsync(key, turn, cancellationToken);

        public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) =>
            _inner.ReadLatestAsync(key, maxTurns, cancellationToken);
    }

    /// <summary>Passes calls to the model, but fails the second call of the first turn (after the tool ran).</summary>
    private sealed class FailingSecondCall(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 2
                ? throw new ChatProviderException(ChatProviderFailure.InvalidRequest, "bad request")
                : base.GetResponseAsync(messages, options, cancellationToken);
    }
}
