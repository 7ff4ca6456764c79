using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using DigitalTwin.Providers;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Conversations;

/// <summary>
/// Idempotent turns across hosts sharing a store (<see cref="SharedStoreHosts"/>): the same key at the same time. Run on the
/// file store, and on moto's S3 and DynamoDB.
/// </summary>
public abstract class CrossHostIdempotencySuite(SharedStoreHosts hosts) : IDisposable
{
    private readonly SharedStoreHosts _hosts = hosts;

    public void Dispose()
    {
        _hosts.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SameKeyOnTwoHostsAtOnce_CallsTheModelOnce_StoresOneTurn_AndBothCallersGetThatAnswer()
    {
        var hosts = new[] { _hosts.Start("answer from A"), _hosts.Start("answer from B") };
        var gate = new TaskCompletionSource();
        Array.ForEach(hosts, h => h.Model.Gate = gate);
        var session = SessionId.New();
        using var start = new Barrier(2);

        var replies = hosts.Select(h => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return h.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        await SharedStoreHosts.WaitUntilAsync(() => hosts.Sum(h => h.Model.Calls.Count) == 1);
        await Task.Delay(300); // time for the other host to call its model too, were it not held back by the claim
        Assert.Equal(1, hosts.Sum(h => h.Model.Calls.Count));
        gate.SetResult();
        var answers = await Task.WhenAll(replies);

        var winner = hosts.Single(h => h.Model.Calls.Count == 1).Model.Answer([]);
        Assert.All(answers, a => Assert.Equal(winner, a.Response));
        Assert.Single(answers, a => a.IsReplay);
        var turn = Assert.Single(await _hosts.Store().ReadAllAsync(new ConversationKey("default", session)));
        Assert.Equal(winner, turn.Assistant.Content);
        Assert.False((await _hosts.Claims().TryClaimAsync(new ConversationKey("default", session), "k1", TimeSpan.FromMinutes(1)))!.TookOver); // released
    }

    [Fact]
    public async Task KeyUsedOnOneHost_IsRefusedOnAnotherForADifferentSessionOrTwin_ButItsOwnRetryIsReplayed()
    {
        const string Secret = "a-secret-both-hosts-share-0123456789abcdef";
        var a = _hosts.Start("answer from A", o => o.IdempotencyKeySecret = Secret);
        var b = _hosts.Start("answer from B", o => o.IdempotencyKeySecret = Secret);
        var session = SessionId.New();
        await a.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "order-7" });

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => b.Twin.ChatAsync(new TwinChatRequest("Hi", SessionId.New()) { TurnId = "order-7" }));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => b.Twin.ChatAsync(new TwinChatRequest("Hi") { TurnId = "order-7" }));
        var retry = await b.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "order-7" });

        Assert.Equal(("answer from A", true), (retry.Response, retry.IsReplay));
        Assert.Empty(b.Model.Calls);
    }

    [Fact]
    public async Task DuplicateOnAnotherHost_WaitsForTheFirst_ThenReplaysItsAnswerWithoutCallingItsModel()
    {
        var (first, second) = (_hosts.Start("answer from A"), _hosts.Start("answer from B"));
        first.Model.Gate = new TaskCompletionSource();
        var session = SessionId.New();
        var answering = first.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
        await SharedStoreHosts.WaitUntilAsync(() => first.Model.Calls.Count == 1);

        var duplicate = second.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
        await Task.Delay(300);
        Assert.False(duplicate.IsCompleted);
        first.Model.Gate.SetResult();

        Assert.Equal(("answer from A", false), ((await answering).Response, (await answering).IsReplay));
        Assert.Equal(("answer from A", true), ((await duplicate).Response, (await duplicate).IsReplay));
        Assert.Empty(second.Model.Calls);
        Assert.Single(await _hosts.Store().ReadAllAsync(new ConversationKey("default", session)));
    }

    [Fact]
    public async Task FirstHostsModelFails_ItsClaimIsReleased_AndTheWaitingHostAnswers()
    {
        var (first, second) = (_hosts.Start("answer from A"), _hosts.Start("answer from B"));
        first.Model.Gate = new TaskCompletionSource();
        first.Model.Throw = new ChatProviderException(ChatProviderFailure.Unavailable, "503 from the provider");
        var session = SessionId.New();
        var failing = first.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
        await SharedStoreHosts.WaitUntilAsync(() => first.Model.Calls.Count == 1);
        var duplicate = second.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "k1" });
        await Task.Delay(200);

        first.Model.Gate.SetResult();

        await Assert.ThrowsAsync<ChatProviderException>(() => failing);
        var reply = await duplicate;
        Assert.Equal(("answer from B", false), (reply.Response, reply.IsReplay));
        Assert.Single(second.Model.Calls);
        Assert.Equal("answer from B", Assert.Single(await _hosts.Store().ReadAllAsync(new ConversationKey("default", session))).Assistant.Content);
    }

    [Fact]
    public async Task ClaimHeldElsewhereThatNeverCompletes_EndsTheWaitWithTurnInProgress_WithoutCallingTheModel()
    {
        var host = _hosts.Start("answer", o => o.IdempotencyClaimLease = TimeSpan.FromMilliseconds(500));
        var key = new ConversationKey("default", SessionId.New());
        Assert.NotNull(await _hosts.Claims().TryClaimAsync(key, "k1", TimeSpan.FromMinutes(10))); // a host still (or forever) answering

        var ex = await Assert.ThrowsAsync<TurnInProgressException>(() => host.Twin.ChatAsync(new TwinChatRequest("Hi", key.SessionId) { TurnId = "k1" }));

        Assert.True(ex.RetryAfter > TimeSpan.Zero);
        Assert.Empty(host.Model.Calls);
        Assert.Empty(await _hosts.Store().ReadAllAsync(key));
    }

    [Fact]
    public async Task ClaimLeftByACrashedHost_IsTakenOverOnceItExpires_AndTheTurnIsAnswered()
    {
        var log = new ListLogger();
        var host = _hosts.Start("answer after the crash", log: log);
        var key = new ConversationKey("default", SessionId.New());
        Assert.NotNull(await _hosts.Claims().TryClaimAsync(key, "k1", TimeSpan.FromMilliseconds(300))); // its host died: never released

        var reply = await host.Twin.ChatAsync(new TwinChatRequest("Hi", key.SessionId) { TurnId = "k1" });

        Assert.Equal(("answer after the crash", false), (reply.Response, reply.IsReplay));
        Assert.Single(host.Model.Calls);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("took over the expired claim", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(key.SessionId.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamingDuplicateOnAnotherHost_ReplaysTheFirstHostsStreamedAnswer()
    {
        var (first, second) = (_hosts.Start("streamed from host A"), _hosts.Start("streamed from host B"));
        first.Model.Gate = new TaskCompletionSource();
        var session = SessionId.New();
        var streaming = first.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" }).ToListAsync().AsTask();
        await SharedStoreHosts.WaitUntilAsync(() => first.Model.Calls.Count == 1);

        var duplicate = second.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" }).ToListAsync().AsTask();
        await Task.Delay(200);
        Assert.False(duplicate.IsCompleted);
        first.Model.Gate.SetResult();

        var replay = await duplicate;
        Assert.Equal("streamed from host A", string.Concat((await streaming).Select(u => u.Text)));
        ReplayedStream.AssertReplayOf("streamed from host A", replay);
        Assert.Empty(second.Model.Calls);
    }

    [Fact]
    public async Task StreamAbandonedByItsClient_ReleasesTheClaim_SoARetryElsewhereAnswersAtOnce()
    {
        var (first, second) = (_hosts.Start("never finished"), _hosts.Start("answer from B", o => o.IdempotencyClaimLease = TimeSpan.FromMinutes(5)));
        first.Model.Gate = new TaskCompletionSource();
        var session = SessionId.New();
        await foreach (var update in first.Twin.ChatStreamingAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" }))
        {
            if (update.Kind == TwinStreamUpdateKind.Delta)
            {
                break; // the client went away mid-answer
            }
        }

        var retry = await second.Twin.ChatAsync(new TwinChatRequest("Hi", session) { TurnId = "s1" }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(("answer from B", false), (retry.Response, retry.IsReplay));
    }
}

public sealed class CrossHostIdempotencyTests() : CrossHostIdempotencySuite(new SharedStoreHosts());

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoS3CrossHostIdempotencyTests(MotoFixture moto) : CrossHostIdempotencySuite(Over(moto.S3Options(S3ServerFixture.NewPrefix())))
{
    private static SharedStoreHosts Over(S3StoreOptions options) => new(() => S3ServerFixture.CreateStore(options));
}

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoDynamoDbCrossHostIdempotencyTests(MotoFixture moto) : CrossHostIdempotencySuite(Over(moto.DynamoDbOptions()))
{
    private static SharedStoreHosts Over(DynamoDbStoreOptions options) => new(() => DynaliteFixture.CreateStore(options));
}
