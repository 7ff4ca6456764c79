using DigitalTwin.Providers;
using DigitalTwin.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Resilience;

public sealed class ResilientChatClientTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "hi")];

    private static (ResilientChatClient Client, FakeChatClient Model) Create(ResilienceOptions options, TimeProvider? time = null)
    {
        var model = new FakeChatClient();
        time ??= TimeProvider.System;
        return (new ResilientChatClient(model, ChatResiliencePipeline.Create(options, time), options, time), model);
    }

    private static ResilienceOptions Fast(int retries = 2) => new() { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromSeconds(2), CircuitBreakerEnabled = false };

    [Fact]
    public async Task RetryableFailures_AreRetriedThenSucceed()
    {
        var (client, model) = Create(Fast());
        var calls = 0;
        model.Answer = _ => Interlocked.Increment(ref calls) < 3 ? throw new ChatProviderException(ChatProviderFailure.Unavailable, "503") : "finally";

        var response = await client.GetResponseAsync(Messages);

        Assert.Equal("finally", response.Text);
        Assert.Equal(3, model.Calls.Count);
    }

    [Fact]
    public async Task ThrottledWithoutRetryAfter_IsRetriedWithBackoff()
    {
        var (client, model) = Create(Fast(retries: 1));
        var calls = 0;
        model.Answer = _ => Interlocked.Increment(ref calls) == 1 ? throw new ChatProviderException(ChatProviderFailure.RateLimited, "429, no Retry-After") : "ok";

        Assert.Equal("ok", (await client.GetResponseAsync(Messages)).Text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task NonRetryableFailure_IsNotRetried()
    {
        var (client, model) = Create(Fast());
        model.Throw = new ChatProviderException(ChatProviderFailure.InvalidRequest, "400");

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));

        Assert.Equal(ChatProviderFailure.InvalidRequest, ex.Failure);
        Assert.Single(model.Calls);
    }

    [Fact]
    public async Task RetryAfter_IsHonouredAsTheDelay()
    {
        var clock = new FakeTimeProvider();
        var (client, model) = Create(Fast(retries: 1), clock);
        var calls = 0;
        model.Answer = _ => Interlocked.Increment(ref calls) == 1
            ? throw new ChatProviderException(ChatProviderFailure.RateLimited, "429") { RetryAfter = TimeSpan.FromSeconds(1.5) }
            : "after the wait";

        var pending = client.GetResponseAsync(Messages);
        await WaitUntil(() => calls == 1);
        clock.Advance(TimeSpan.FromSeconds(1.4));
        await Task.Delay(50);
        Assert.Equal(1, calls);
        clock.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal("after the wait", (await pending).Text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxDelay_FailsAtOnceCarryingTheWait()
    {
        var (client, model) = Create(Fast());
        model.Throw = new ChatProviderException(ChatProviderFailure.RateLimited, "429") { RetryAfter = TimeSpan.FromMinutes(5) };

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));

        Assert.Equal(TimeSpan.FromMinutes(5), ex.RetryAfter);
        Assert.Single(model.Calls);
    }

    [Fact]
    public async Task AttemptThatHangs_TimesOutAndIsRetried_ThenReportsTimeout()
    {
        var options = Fast(retries: 1);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(100);
        var (client, model) = Create(options);
        model.Gate = new TaskCompletionSource(); // never released

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));

        Assert.Equal(ChatProviderFailure.Timeout, ex.Failure);
        Assert.Equal(2, model.Calls.Count);
        Assert.True(model.LastToken.IsCancellationRequested);
    }

    [Fact]
    public async Task UnknownProviderException_IsWrappedAsTyped()
    {
        var (client, model) = Create(Fast(retries: 0));
        model.Throw = new HttpRequestException("connection reset");

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterRepeatedFailures_AndFailsFastWithoutCallingTheProvider()
    {
        var options = Fast(retries: 0);
        options.CircuitBreakerEnabled = true;
        options.MinimumThroughput = 4;
        options.FailureRatio = 0.5;
        var (client, model) = Create(options);
        model.Throw = new ChatProviderException(ChatProviderFailure.Unavailable, "503");

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));
        }

        var open = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Messages));
        Assert.Contains("circuit open", open.Message, StringComparison.Ordinal);
        Assert.Equal(4, model.Calls.Count);
    }

    [Fact]
    public async Task StreamFailingBeforeFirstUpdate_IsRetried()
    {
        var (client, model) = Create(Fast());
        var calls = 0;
        model.Answer = _ => Interlocked.Increment(ref calls) == 1 ? throw new ChatProviderException(ChatProviderFailure.Unavailable, "503") : "streamed answer";

        var text = string.Concat(await client.GetStreamingResponseAsync(Messages).Select(u => u.Text).ToListAsync());

        Assert.Equal("streamed answer", text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task StreamFailingAfterText_IsNotRetried()
    {
        var (client, model) = Create(Fast());
        model.Answer = _ => "one two three";
        model.ThrowAfterChunks = 2;
        model.Throw = new ChatProviderException(ChatProviderFailure.Unavailable, "503 midway");
        var received = new List<string>();

        await Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["one", " two"], received);
        Assert.Single(model.Calls);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
