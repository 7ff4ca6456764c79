using System.Security.Cryptography;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// An Idempotency-Key reused for a different request, over real HTTP and through the Lambda host: 422 ProblemDetails, the
/// first answer not disclosed; and a key alone (without its message) neither reads nor continues anyone's conversation.
/// </summary>
[Collection(InProcessLambdaHost.Collection)]
public sealed class IdempotencyKeyReuseTests : IAsyncLifetime
{
    private TwinWebApp _web = null!;

    public async Task InitializeAsync() => _web = await TwinWebApp.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Theory]
    [InlineData("/chat")]
    [InlineData("/chat/stream")]
    public async Task SameKeyWithADifferentMessage_Is422Problem_AndDisclosesNothing(string path)
    {
        var first = await _web.Client.SendAsync(Post("/chat", """{"message":"My card number is 4111"}""", "order-1"));
        using var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var session = answer.RootElement.GetProperty("session_id").GetString();

        var reused = await _web.Client.SendAsync(Post(path, """{"message":"What did I just tell you?"}""", "order-1"));
        var reusedInSession = await _web.Client.SendAsync(Post(path, $$"""{"message":"And now?","session_id":"{{session}}"}""", "order-1"));

        foreach (var response in new[] { reused, reusedInSession })
        {
            await AssertKeyReusedAsync(response, session!);
        }

        Assert.Single(_web.Model.Calls);
    }

    [Theory]
    [InlineData("/chat")]
    [InlineData("/chat/stream")]
    public async Task SameKeyAndMessageInAnotherConversation_Is422Problem_AndDisclosesNothing(string path)
    {
        var first = await _web.Client.SendAsync(Post("/chat", """{"message":"Hi"}""", "order-2"));
        using var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var session = answer.RootElement.GetProperty("session_id").GetString();

        var elsewhere = await _web.Client.SendAsync(Post(path, """{"message":"Hi","session_id":"another-session-1"}""", "order-2"));

        await AssertKeyReusedAsync(elsewhere, session!);
        Assert.Single(_web.Model.Calls);
        Assert.DoesNotContain("Echo", await _web.Client.GetStringAsync("/conversation/another-session-1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/chat")]
    [InlineData("/chat/stream")]
    public async Task SameKeyWithTheSameMessage_IsStillReplayed(string path)
    {
        await _web.Client.SendAsync(Post("/chat", """{"message":"Hi"}""", "retry-me"));

        var retry = await _web.Client.SendAsync(Post(path, """{"message":"Hi"}""", "retry-me"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("Echo: Hi", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(_web.Model.Calls);
    }

    [Fact]
    public async Task KnowingAKey_DoesNotGiveTheConversation_NeitherByTheOldUnsaltedHashNorByGuessing()
    {
        await _web.Client.SendAsync(Post("/chat", """{"message":"My secret plan"}""", "order-1"));
        var unsalted = "t-" + Convert.ToHexStringLower(SHA256.HashData("order-1"u8)).AsSpan(0, 32).ToString();

        var read = await _web.Client.GetStringAsync("/conversation/" + unsalted);

        Assert.DoesNotContain("My secret plan", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThroughTheLambdaHost_SameKeyWithADifferentMessage_Is422()
    {
        var model = new FakeChatClient();
        await using var host = await InProcessLambdaHost.StartAsync(
            app => app.MapDigitalTwin(),
            services: s => s.AddDigitalTwin(o => o.PersonaDirectory = TwinWebApp.SamplePersona).UseChatClient(model).UseInMemoryStore());
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["idempotency-key"] = "lambda-1" };

        var first = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Hi"}""", headers: headers));
        var reused = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Other"}""", headers: headers));
        var reusedStream = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat/stream", """{"message":"Other"}""", headers: headers));
        var reusedElsewhere = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Hi","session_id":"another-session-2"}""", headers: headers));

        Assert.Equal(200, first.StatusCode);
        foreach (var result in new[] { reused, reusedStream, reusedElsewhere })
        {
            Assert.Equal(422, result.StatusCode);
            Assert.Contains("problem+json", result.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Contains("already used", result.BodyText, StringComparison.Ordinal);
            Assert.DoesNotContain("Echo: Hi", result.BodyText, StringComparison.Ordinal);
        }

        Assert.Single(model.Calls);
    }

    private static HttpRequestMessage Post(string path, string json, string key) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };

    private static async Task AssertKeyReusedAsync(HttpResponseMessage response, string session)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("already used", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111", body, StringComparison.Ordinal);
        Assert.DoesNotContain(session, body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }
}
