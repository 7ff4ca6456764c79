using DigitalTwin.Providers;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>ConverseStream with frames made by @smithy/eventstream-codec, served over loopback HTTP in awkward pieces.</summary>
public sealed class BedrockStreamingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(new[] { 1, 3, 7 })]
    [InlineData(new[] { 7, 1, 1, 3 })]
    public async Task Stream_YieldsTextDeltas_FinishReason_AndUsage(int[]? pieces)
    {
        var frames = await Frames.EncodeAsync(Frames.Conversation("Trabajé en ", "Contoso — “C#/.NET” ✓", "max_tokens"));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames, pieces));
        using var client = BedrockTestClient.Create(server);

        var updates = await client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync();

        Assert.Equal(["Trabajé en ", "Contoso — “C#/.NET” ✓"], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        Assert.Equal(ChatFinishReason.Length, updates.Select(u => u.FinishReason).Single(f => f is not null));
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal((1234L, 56L, 1290L, 1000L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount));
        Assert.Equal(7, usage.AdditionalCounts!["CacheWriteInputTokens"]);
        Assert.All(updates, u => Assert.Equal("global.amazon.nova-2-lite-v1:0", u.ModelId));
        Assert.Equal("/model/global.amazon.nova-2-lite-v1%3A0/converse-stream", Assert.Single(server.Requests).Target);
        Assert.Equal("application/vnd.amazon.eventstream", server.Requests.Single().Headers["accept"]);
        server.AssertAllSigned();
    }

    [Fact]
    public async Task ExceptionFrameAfterText_SurfacesAsChatProviderException_WithoutRetry()
    {
        var frames = await Frames.EncodeAsync(
            Frames.Event("messageStart", new { role = "assistant" }),
            Frames.Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text = "Half an ans" } }),
            Frames.Exception("throttlingException", "Too many requests, please wait before trying again."));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames, [3]), FakeResponse.EventStream(frames));
        using var client = BedrockTestClient.CreateResilient(server);
        var texts = new List<string>();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(BedrockTestClient.Conversation()))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(ChatProviderFailure.RateLimited, ex.Failure);
        Assert.Contains("Too many requests", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Half an ans", texts);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ExceptionFrameBeforeText_IsRetried()
    {
        var failing = await Frames.EncodeAsync(
            Frames.Event("messageStart", new { role = "assistant" }),
            Frames.Exception("serviceUnavailableException", "try later"));

        await AssertRetriedThenStreamedAsync(FakeResponse.EventStream(failing));
    }

    [Fact]
    public async Task HttpErrorBeforeTheStream_IsRetriedThenStreams()
    {
        await AssertRetriedThenStreamedAsync(FakeResponse.Error(429, "ThrottlingException", "slow"), goodChunkSizes: [1]);
    }

    /// <summary>A resilient client whose first request is answered with <paramref name="failure"/> retries once and streams the second answer, "ab".</summary>
    private static async Task AssertRetriedThenStreamedAsync(FakeResponse failure, int[]? goodChunkSizes = null)
    {
        var good = await Frames.EncodeAsync(Frames.Conversation("a", "b"));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(failure, FakeResponse.EventStream(good, goodChunkSizes));
        using var client = BedrockTestClient.CreateResilient(server);

        var text = await BedrockTestClient.StreamTextAsync(client);

        Assert.Equal("ab", text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ValidationExceptionFrame_IsAnInvalidRequest()
    {
        var frames = await Frames.EncodeAsync(Frames.Exception("validationException", "The provided model identifier is invalid."));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync().AsTask());

        Assert.Equal(ChatProviderFailure.InvalidRequest, ex.Failure);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CorruptedFrame_IsAnInvalidResponse()
    {
        var frames = (await Frames.EncodeAsync(Frames.Conversation("a", "b"))).ToArray();
        frames[^6] ^= 0x40; // inside the last frame's payload: its message CRC no longer matches
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames, [7]));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync().AsTask());

        Assert.Equal(ChatProviderFailure.InvalidResponse, ex.Failure);
    }

    [Fact]
    public async Task StreamThatStalls_IsATimeout()
    {
        var frames = await Frames.EncodeAsync(Frames.Event("messageStart", new { role = "assistant" }));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames) with { HangAfterBody = true });
        using var client = BedrockTestClient.Create(server, configure: o => o.ReadTimeout = TimeSpan.FromMilliseconds(500));

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync().AsTask());

        Assert.Equal(ChatProviderFailure.Timeout, ex.Failure);
    }

    [Fact]
    public async Task StreamThatEndsBeforeMessageStop_IsUnavailable()
    {
        var frames = await Frames.EncodeAsync(Frames.Conversation("cut ", "short")[..3]);
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames, [3]));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync().AsTask());

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
        Assert.Single(server.Requests); // text was already streamed: no retry
    }
}
