using Microsoft.AspNetCore.Authorization;

namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class LimitsAndAccessTests
{
    private const string Key = "k-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Requests_over_the_per_ip_limit_get_429_problem_with_retry_after()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:Web:RateLimit:PermitsPerMinutePerIp"] = "2" });

        for (var i = 0; i < 2; i++)
        {
            using var ok = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Requests_over_the_per_session_limit_get_429_while_other_sessions_go_on()
    {
        var chat = new FakeChatClient();
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:Web:RateLimit:PermitsPerMinutePerSession"] = "2" }, chat: chat);
        using var first = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
        var session = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session_id").GetString();

        // The limit counts the requests that name the session (the first one, which created it, does not).
        using var second = await host.Client.PostAsJsonAsync("chat", new { message = "Again", session_id = session });
        using var third = await host.Client.PostAsJsonAsync("chat", new { message = "Once more", session_id = session });
        using var fourth = await host.Client.PostAsJsonAsync("chat/stream", new { message = "And again", session_id = session });
        using var other = await host.Client.PostAsJsonAsync("chat", new { message = "Hi", session_id = "another-session-1" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(4, chat.Calls.Count);
    }

    [Fact]
    public async Task Body_over_MaxRequestBodySize_is_413_problem_with_and_without_content_length()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:Web:MaxRequestBodySize"] = "2048" });
        var big = JsonSerializer.Serialize(new { message = new string('a', 4000) });

        using var withLength = await host.Client.PostAsync("chat", new StringContent(big, Encoding.UTF8, "application/json"));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "chat/stream") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var withoutLength = await host.Client.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Equal("application/problem+json", withoutLength.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Conversation_endpoint_turned_off_is_404_for_plain_and_twin_routes()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["DigitalTwin:Web:EnableConversationEndpoint"] = "false",
            ["DigitalTwin:Web:CorsOrigins:0"] = "https://www.example.com",
        });

        using var plain = await host.Client.GetAsync("conversation/session-00000001");
        using var twin = await host.Client.GetAsync("twins/default/conversation/session-00000001");
        using var chat = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, twin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Fact]
    public async Task Api_key_is_required_when_configured_and_health_stays_open()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:Web:ApiKeys:0"] = Key });

        using var missing = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = JsonContent.Create(new { message = "Hi" }) };
        wrongRequest.Headers.Add("X-API-Key", Key + "x");
        using var wrong = await host.Client.SendAsync(wrongRequest);
        using var rightRequest = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = JsonContent.Create(new { message = "Hi" }) };
        rightRequest.Headers.Add("X-API-Key", Key);
        using var right = await host.Client.SendAsync(rightRequest);
        using var health = await host.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-API-Key", missing.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(Key, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Short_api_key_fails_at_start_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:Web:ApiKeys:0"] = "short" }));

        Assert.Contains("shorter than 16 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapDigitalTwin_returns_the_group_so_RequireAuthorization_protects_the_api_while_health_stays_open()
    {
        await using var host = await WebTestHost.StartAsync(
            services: s =>
            {
                s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
                s.AddAuthentication().AddBearerToken();
                s.AddAuthorization();
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapDigitalTwin().RequireAuthorization(new AuthorizeAttribute());
            });

        using var chat = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
        using var health = await host.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.Unauthorized, chat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
