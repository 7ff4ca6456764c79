namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class HealthTests
{
    [Fact]
    public async Task Liveness_is_healthy_with_the_one_line_setup_and_runs_no_model_call()
    {
        var chat = new FakeChatClient();
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using var response = await host.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task Readiness_is_not_mapped_without_AddDigitalTwinHealthChecks()
    {
        await using var host = await WebTestHost.StartAsync();

        using var response = await host.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_healthy_when_store_answers_and_provider_is_configured_without_calling_the_model()
    {
        var chat = new FakeChatClient();
        await using var host = await WebTestHost.StartAsync(services: s => s.AddDigitalTwin().UseChatClient(chat).UseInMemoryStore().AddDigitalTwinHealthChecks());

        using var response = await host.Client.GetAsync("health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["digitaltwin-store", "digitaltwin-provider", "digitaltwin-persona"], body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal).Reverse());
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_missing_provider_when_none_is_configured()
    {
        await using var host = await WebTestHost.StartAsync(services: s => s.AddDigitalTwin().UseInMemoryStore().AddDigitalTwinHealthChecks());

        using var response = await host.Client.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no model provider configured", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_is_503_without_exception_text_when_the_store_fails()
    {
        await using var host = await WebTestHost.StartAsync(services: s =>
            s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseStore(_ => new FailingStore()).AddDigitalTwinHealthChecks());

        using var response = await host.Client.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not be read", body, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingStore.Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_provider_probe_when_enabled_makes_one_token_call()
    {
        var chat = new FakeChatClient();
        await using var host = await WebTestHost.StartAsync(
            new Dictionary<string, string?> { ["DigitalTwin:Health:ProbeProvider"] = "true" },
            s => s.AddDigitalTwin().UseChatClient(chat).UseInMemoryStore().AddDigitalTwinHealthChecks());

        using var response = await host.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(chat.Calls);
        Assert.Equal(1, chat.LastOptions?.MaxOutputTokens);
    }

    [Fact]
    public async Task Live_provider_probe_failure_is_503()
    {
        var chat = new FakeChatClient { Throw = new HttpRequestException("connection refused to secret-host") };
        await using var host = await WebTestHost.StartAsync(
            services: s => s.AddDigitalTwin().UseChatClient(chat).UseInMemoryStore().AddDigitalTwinHealthChecks(o => o.ProbeProvider = true));

        using var response = await host.Client.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("failed the test call", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-host", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_provider_probe_that_hangs_is_503_after_its_short_timeout()
    {
        var chat = new FakeChatClient { Gate = new() }; // never opened: the call hangs until cancelled
        await using var host = await WebTestHost.StartAsync(
            new Dictionary<string, string?> { ["DigitalTwin:Health:ProbeProvider"] = "true", ["DigitalTwin:Health:ProbeTimeout"] = "00:00:00.300" },
            s => s.AddDigitalTwin().UseChatClient(chat).UseInMemoryStore().AddDigitalTwinHealthChecks());

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await host.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("did not answer within 0.3 s", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), started.Elapsed.ToString());
    }

    private sealed class FailingStore : IConversationStore
    {
        public const string Secret = "bucket-arn-secret";

        public ValueTask AppendAsync(Conversations.ConversationKey key, Conversations.ConversationTurn turn, CancellationToken cancellationToken = default)
            => throw new ConversationStoreException(ConversationStoreFailure.Unavailable, Secret);

        public ValueTask<IReadOnlyList<Conversations.ConversationTurn>> ReadLatestAsync(Conversations.ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
            => throw new ConversationStoreException(ConversationStoreFailure.Unavailable, Secret);
    }
}
