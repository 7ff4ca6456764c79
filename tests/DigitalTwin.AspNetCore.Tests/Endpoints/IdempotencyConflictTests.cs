using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// A repeated Idempotency-Key whose first request is still being answered elsewhere (its claim is held and never completes)
/// over real HTTP: once the twin's wait (its claim lease, shortened here) runs out, the client gets 409 with Retry-After.
/// </summary>
public sealed class IdempotencyConflictTests : IAsyncLifetime
{
    private readonly InMemoryConversationStore _store = new();
    private readonly ConversationKey _key = new(DigitalTwinDefaults.TwinName, SessionId.New());
    private TwinWebApp _web = null!;

    public async Task InitializeAsync()
    {
        _web = await TwinWebApp.StartAsync(
            (twin, model) => twin.UseChatClient(model).UseStore(_ => _store),
            configure: app => app.Services.Configure<DigitalTwinOptions>(DigitalTwinDefaults.TwinName, o =>
            {
                o.IdempotencyClaimLease = TimeSpan.FromMilliseconds(300);
                o.IdempotencyPollInterval = TimeSpan.FromMilliseconds(20);
            }));
        Assert.NotNull(await _store.GetService<ITurnClaims>()!.TryClaimAsync(_key, "k1", TimeSpan.FromMinutes(10))); // another host, still answering
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task Chat_WhileTheKeyIsBeingAnsweredElsewhere_Is409ProblemWithRetryAfter_AndCallsNoModel()
    {
        using var request = Post("/chat");

        var response = await _web.Client.SendAsync(request);

        await AssertConflictAsync(response);
    }

    [Fact]
    public async Task ChatStream_WhileTheKeyIsBeingAnsweredElsewhere_Is409ProblemBeforeAnyEvent()
    {
        using var request = Post("/chat/stream");

        var response = await _web.Client.SendAsync(request);

        await AssertConflictAsync(response);
    }

    [Fact]
    public async Task Chat_OnceTheOtherRequestStoredItsTurn_ReplaysIt()
    {
        var turn = new ConversationTurn(
            "k1",
            new ConversationMessage(ConversationRole.User, "Hello", DateTimeOffset.UtcNow),
            new ConversationMessage(ConversationRole.Assistant, "answered on the other host", DateTimeOffset.UtcNow));
        await _store.AppendAsync(_key, turn);
        using var request = Post("/chat");

        var response = await _web.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Contains("answered on the other host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_web.Model.Calls);
    }

    [Fact]
    public void TurnInProgress_AsAStreamErrorEvent_CarriesStatus409()
    {
        var item = SseEvents.Error(TwinProblems.From(new TurnInProgressException("still answering"), new DefaultHttpContext()));

        using var payload = JsonDocument.Parse(item.Data);
        Assert.Equal("error", item.EventType);
        Assert.Equal(409, payload.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("still answering", item.Data, StringComparison.Ordinal);
    }

    private HttpRequestMessage Post(string path) => new(HttpMethod.Post, path)
    {
        Content = new StringContent($$"""{"message":"Hello","session_id":"{{_key.SessionId.Value}}"}""", Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", "k1" } },
    };

    private async Task AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Idempotency-Key is still being answered", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_web.Model.Calls);
        Assert.Empty(await _store.ReadAllAsync(_key));
    }
}
