using System.Text.Json;
using DigitalTwin.Providers;
using DigitalTwin.Providers.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Providers.OpenAI;

/// <summary>The OpenAI provider against a loopback fake OpenAI server (real HTTP, wire shapes from the API's recordings).</summary>
public sealed class OpenAIChatClientTests : IAsyncLifetime
{
    private const string Completion = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1770950813,"model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! I'm Maya.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0}},
         "service_tier":"default","system_fingerprint":"fp"}
        """;

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(int maxRetries = 0, TimeSpan? timeout = null) => OpenAIProvider.Create(new OpenAIProviderOptions
    {
        ApiKey = "sk-test-secret",
        Endpoint = new Uri(_server.BaseAddress, "v1"),
        MaxRetries = maxRetries,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    });

    private static ChatMessage[] Conversation => [new(ChatRole.System, "You are Maya."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello"), new(ChatRole.User, "Who are you?")];

    private void Answer(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) => _server.Handler = async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(body);
    };

    [Fact]
    public async Task Json_SendsModelKeyAndMessages_AndMapsTextUsageAndFinishReason()
    {
        Answer(200, Completion);

        var response = await Client().GetResponseAsync(Conversation);

        Assert.Equal("Hello! I'm Maya.", response.Text);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(11, response.Usage!.InputTokenCount);
        Assert.Equal(9, response.Usage.OutputTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-secret", request.Headers.Authorization.ToString());
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("gpt-4o-mini", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(["system", "user", "assistant", "user"], json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("Who are you?", json.RootElement.GetProperty("messages")[3].GetProperty("content").GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Sse_YieldsTextDeltasThenFinishReasonAndUsage(string newline)
    {
        var chunks = new[]
        {
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}""",
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"I design"},"finish_reason":null}],"usage":null}""",
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" cloud platforms."},"finish_reason":null}],"usage":null}""",
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"length"}],"usage":null}""",
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":22,"completion_tokens":5,"total_tokens":27}}""",
        };
        var body = ": keep-alive comment" + newline + newline + string.Concat(chunks.Select(c => "data: " + c + newline + newline)) + "data: [DONE]" + newline + newline;
        Answer(200, body, "text/event-stream");

        var updates = await Client().GetStreamingResponseAsync(Conversation).ToListAsync();

        Assert.Equal("I design cloud platforms.", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Length, updates.Select(u => u.FinishReason).Last(f => f is not null));
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal(22, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
        using var json = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.True(json.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task RateLimitWithRetryAfter_IsRetriedThenReportedAsRateLimitedWithTheWait()
    {
        Answer(429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", "application/json", ("retry-after", "1"), ("retry-after-ms", "30"));

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client(maxRetries: 1).GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.RateLimited, ex.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(30), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("Retry-After", "NaN", null)]
    [InlineData("Retry-After", "-5", null)]
    [InlineData("Retry-After", "soon", null)]
    [InlineData("Retry-After", "1e20", 3600.0)]
    [InlineData("Retry-After", "2", 2.0)]
    [InlineData("retry-after-ms", "Infinity", null)]
    [InlineData("Retry-After", "Sat, 05 Dec 2026 10:00:30 GMT", 30.0)]
    [InlineData("Retry-After", "Sat, 05 Dec 2026 09:00:00 GMT", 0.0)]
    public async Task RateLimit_WithWhateverRetryAfterTheProviderSends_StaysRateLimited_WithASaneCappedWaitOrNone(string header, string value, double? seconds)
    {
        Answer(429, """{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}""", "application/json", (header, value));
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
        var client = OpenAIProvider.Create(new OpenAIProviderOptions { ApiKey = "sk-test", Endpoint = new Uri(_server.BaseAddress, "v1") }, now);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.RateLimited, ex.Failure);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, ex.RetryAfter);
    }

    [Fact]
    public async Task RateLimitThenSuccess_ReturnsTheAnswer()
    {
        var calls = 0;
        _server.Handler = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers["retry-after-ms"] = "10";
                await context.Response.WriteAsync("""{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}""");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Completion);
        };

        var response = await Client(maxRetries: 2).GetResponseAsync(Conversation);

        Assert.Equal("Hello! I'm Maya.", response.Text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ServerError_IsUnavailableAndRetryable()
    {
        Answer(500, """{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}""");

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client().GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
        Assert.Equal(500, ex.StatusCode);
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task BadApiKey_IsAccessDeniedWithoutTheKeyInTheMessage()
    {
        Answer(401, """{"error":{"message":"Incorrect API key provided: sk-test-secret.","type":"invalid_request_error","code":"invalid_api_key"}}""");

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client().GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.AccessDenied, ex.Failure);
        Assert.DoesNotContain("sk-test-secret", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"id":"x","choices":"oops"}""")]
    public async Task MalformedBody_IsInvalidResponse(string body)
    {
        Answer(200, body);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client().GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.InvalidResponse, ex.Failure);
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOut()
    {
        _server.Handler = context => Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client(timeout: TimeSpan.FromMilliseconds(300)).GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.Timeout, ex.Failure);
    }

    [Fact]
    public async Task ConnectionResetMidRequest_IsUnavailable()
    {
        _server.Handler = context =>
        {
            context.Abort(); // the server drops the connection without answering
            return Task.CompletedTask;
        };

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => Client().GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
    }

    [Fact]
    public async Task NothingListening_IsUnavailable()
    {
        var client = OpenAIProvider.Create(new OpenAIProviderOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:9/v1"), MaxRetries = 0 });

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal(ChatProviderFailure.Unavailable, ex.Failure);
    }

    [Fact]
    public void Metadata_NamesProviderEndpointAndModel()
    {
        var metadata = Client().GetService<ChatClientMetadata>()!;
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("gpt-4o-mini", metadata.DefaultModelId);
    }
}
