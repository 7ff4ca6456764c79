using DigitalTwin.Providers;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>The original twin's HTTP contract over real HTTP on loopback.</summary>
public sealed class ChatEndpointTests : IAsyncLifetime
{
    private TwinWebApp _web = null!;

    public async Task InitializeAsync() => _web = await TwinWebApp.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private HttpClient Client => _web.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Chat_AnswersWithResponseAndSessionId_AndConversationReadsTheTurn()
    {
        var response = await Client.PostAsync("/chat", Json("""{"message":"Hello Maya"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal("Echo: Hello Maya", body.GetProperty("response").GetString());
        var session = body.GetProperty("session_id").GetString()!;

        var conversation = await ReadJson(await Client.GetAsync($"/conversation/{session}"));
        Assert.Equal(session, conversation.GetProperty("session_id").GetString());
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Hello Maya", messages[0].GetProperty("content").GetString());
        Assert.True(messages[0].GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task Chat_WithSessionId_ContinuesTheConversation()
    {
        var first = await ReadJson(await Client.PostAsync("/chat", Json("""{"message":"One"}""")));
        var session = first.GetProperty("session_id").GetString();

        var second = await ReadJson(await Client.PostAsJsonAsync("/chat", new { message = "Two", session_id = session }));

        Assert.Equal(session, second.GetProperty("session_id").GetString());
        Assert.Equal(["One", "Echo: One", "Two"], _web.Model.Calls[^1].Skip(1).Select(m => m.Text));
    }

    [Theory]
    [InlineData("""{"message":""}""", "empty")]
    [InlineData("""{"message":"   "}""", "empty")]
    [InlineData("""{"message":"hi","session_id":"../../etc/passwd"}""", "session_id")]
    [InlineData("""{"message":"hi","session_id":"..%2F..%2Fetc%2Fpasswd"}""", "session_id")]
    [InlineData("""{"message":"hi","session_id":"short"}""", "session_id")]
    [InlineData("""{"message":"hi","session_id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "session_id")]
    [InlineData("""{"message":"hi",""", "not valid JSON")]
    [InlineData("""{"message":42}""", "not valid JSON")]
    [InlineData("""["hi"]""", "not valid JSON")]
    [InlineData("null", "empty or null")]
    [InlineData("{}", "empty")]
    public async Task BadInput_Is400ProblemAndNothingIsCalledOrStored(string body, string expected)
    {
        var response = await Client.PostAsync("/chat", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ReadJson(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_web.Model.Calls);
    }

    [Fact]
    public async Task OverlongMessage_Is400NamingTheLimit()
    {
        var response = await Client.PostAsJsonAsync("/chat", new { message = new string('x', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", (await ReadJson(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_web.Model.Calls);
    }

    [Fact]
    public async Task WrongContentType_Is415Problem()
    {
        var response = await Client.PostAsync("/chat", new StringContent("""{"message":"hi"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(_web.Model.Calls);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413Problem_WithOrWithoutContentLength()
    {
        var big = "{\"message\":\"" + new string('x', 70_000) + "\"}";
        var withLength = await Client.PostAsync("/chat", Json(big));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var withoutLength = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Empty(_web.Model.Calls);
    }

    [Theory]
    [InlineData(ChatProviderFailure.NotConfigured, 503, "OPENAI_API_KEY")]
    [InlineData(ChatProviderFailure.Unavailable, 503, "nothing was stored")]
    [InlineData(ChatProviderFailure.Timeout, 504, "did not answer in time")]
    [InlineData(ChatProviderFailure.InvalidRequest, 502, "could not handle")]
    [InlineData(ChatProviderFailure.AccessDenied, 502, "could not handle")]
    public async Task ProviderFailure_IsAProblemWithoutExceptionTextAndStoresNothing(ChatProviderFailure failure, int status, string expected)
    {
        var secret = failure == ChatProviderFailure.NotConfigured ? "Set OPENAI_API_KEY to use OpenAI." : "internal detail sk-secret at line 42";
        _web.Model.Throw = new ChatProviderException(failure, secret);

        var response = await Client.PostAsync("/chat", Json("""{"message":"hi","session_id":"visitor-0001"}"""));

        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", text, StringComparison.Ordinal);
        var conversation = await ReadJson(await Client.GetAsync("/conversation/visitor-0001"));
        Assert.Empty(conversation.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Throttled_Is503WithRetryAfter()
    {
        _web.Model.Throw = new ChatProviderException(ChatProviderFailure.RateLimited, "429") { RetryAfter = TimeSpan.FromSeconds(7.2) };

        var response = await Client.PostAsync("/chat", Json("""{"message":"hi"}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("8", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Conversation_WithInvalidId_Is400_AndUnknownIdIsEmpty()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/conversation/bad%2F..%2Fid")).StatusCode);
        var empty = await ReadJson(await Client.GetAsync("/conversation/unknown-session-1"));
        Assert.Empty(empty.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task HealthAndRoot_Answer()
    {
        var health = await ReadJson(await Client.GetAsync("/health"));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        var root = await ReadJson(await Client.GetAsync("/"));
        Assert.Equal("AI Digital Twin API", root.GetProperty("message").GetString());
        Assert.Equal(["default"], root.GetProperty("twins").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task StoreFailure_Is503AndUnexpectedErrorIs500_WithoutExceptionText()
    {
        await using var web = await TwinWebApp.StartAsync((b, model) => b.UseChatClient(model).UseStore(_ => new FailingStore()));

        var storeDown = await web.Client.PostAsync("/chat", Json("""{"message":"hi","session_id":"visitor-0001"}"""));
        var unexpected = await web.Client.GetAsync("/conversation/visitor-0001");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, storeDown.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, unexpected.StatusCode);
        Assert.DoesNotContain("disk on fire", await storeDown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("bug in store", await unexpected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void MapDigitalTwin_WithoutAddDigitalTwin_FailsFastSayingWhatToCall()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        var ex = Assert.Throws<InvalidOperationException>(() => app.MapDigitalTwin());
        Assert.Contains("AddDigitalTwin", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FailingStore : IConversationStore
    {
        public ValueTask AppendAsync(Conversations.ConversationKey key, Conversations.ConversationTurn turn, CancellationToken cancellationToken = default)
            => throw new ConversationStoreException(ConversationStoreFailure.Unavailable, "disk on fire");

        public ValueTask<IReadOnlyList<Conversations.ConversationTurn>> ReadLatestAsync(Conversations.ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
            => maxTurns == int.MaxValue ? throw new InvalidOperationException("bug in store") : throw new ConversationStoreException(ConversationStoreFailure.Unavailable, "disk on fire");
    }
}
