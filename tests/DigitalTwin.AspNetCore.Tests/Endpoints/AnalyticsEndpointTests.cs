using DigitalTwin.AspNetCore.Tests.Web;
using Microsoft.AspNetCore.Authentication;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

public sealed class AnalyticsEndpointTests
{
    private static readonly Dictionary<string, string?> Prices = new()
    {
        ["DigitalTwin:Analytics:Currency"] = "EUR",
        ["DigitalTwin:Analytics:Prices:0:Model"] = "fake-model",
        ["DigitalTwin:Analytics:Prices:0:InputPerMillionTokens"] = "2",
        ["DigitalTwin:Analytics:Prices:0:OutputPerMillionTokens"] = "8",
    };

    private static Task<WebTestHost> StartAsync(Action<IServiceCollection> twin, Action<WebApplication>? map = null) => WebTestHost.StartAsync(
        Prices,
        services =>
        {
            twin(services);
            HeaderAuthentication.AddWithAdminsPolicy(services);
        },
        map ?? (app =>
        {
            app.MapDigitalTwin();
            app.MapDigitalTwinAnalytics(configure: o => o.AuthorizationPolicy = HeaderAuthentication.AdminsPolicy);
        }));

    private static HttpRequestMessage Get(string path, string? user = "ada", string? role = "admin") => HeaderAuthentication.Get(path, user, role);

    [Fact]
    public async Task Admin_GetsTheDaysConversationsTurnsTokensAndCost_FromTurnsMadeOverHttp_OnTheFileStore()
    {
        using var memory = new TempDirectory();
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseFileStore(o => o.Directory = memory.Path));
        var first = await (await host.Client.PostAsJsonAsync("chat", new { message = "hello" })).Content.ReadFromJsonAsync<JsonElement>();
        (await host.Client.PostAsJsonAsync("chat", new { message = "again", session_id = first.GetProperty("session_id").GetString() })).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync("chat", new { message = "someone else" })).EnsureSuccessStatusCode();
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); // in case midnight passed

        using var response = await host.Client.SendAsync(Get($"analytics?from={yesterday}&to={today}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("default", body.GetProperty("twin").GetString());
        Assert.Equal(2, body.GetProperty("conversations").GetInt32());
        Assert.Equal(3, body.GetProperty("turns").GetInt64());
        Assert.Equal(30, body.GetProperty("input_tokens").GetInt64()); // the fake model reports 10 in, 5 out
        Assert.Equal(15, body.GetProperty("output_tokens").GetInt64());
        Assert.Equal((30 * 2m + 15 * 8m) / 1_000_000m, body.GetProperty("estimated_cost").GetDecimal());
        Assert.Equal("EUR", body.GetProperty("currency").GetString());
        Assert.True(body.GetProperty("latency_p95_ms").GetDouble() >= body.GetProperty("latency_p50_ms").GetDouble());
        Assert.Equal("fake-model", body.GetProperty("models")[0].GetProperty("model").GetString());
        Assert.Equal(DateTimeOffset.Parse(today + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(1), body.GetProperty("to").GetDateTimeOffset());
    }

    [Fact]
    public async Task Anonymous_Is401_AndAUserOutsideThePolicy_Is403()
    {
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore());

        await HeaderAuthentication.AssertAdminsOnlyAsync(host.Client, "analytics");
    }

    [Theory]
    [InlineData("analytics?from=yesterday", 400)]
    [InlineData("analytics?from=2026-11-02&to=2026-11-01", 400)]
    [InlineData("analytics?from=2024-01-01&to=2026-01-01", 400)]
    [InlineData("analytics?to=2026-13-01", 400)]
    [InlineData("analytics?twin=nobody", 404)]
    [InlineData("analytics?to=9999-12-31", 400)]
    [InlineData("analytics?to=9999-12-31T23:59:59Z", 400)]
    [InlineData("analytics?to=0001-01-01", 400)]
    [InlineData("analytics?from=0001-01-01", 400)]
    [InlineData("analytics?from=0001-01-01&to=0001-01-02", 400)]
    [InlineData("analytics?from=9999-12-31&to=0001-01-01", 400)]
    [InlineData("analytics?from=9999-12-30&to=9999-12-31", 400)]
    public async Task BadQueries_AreProblemDetails(string path, int status)
    {
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore());

        await HeaderAuthentication.AssertProblemAsync(host.Client, path, status);
    }

    [Theory]
    [InlineData("analytics?from=9998-12-30&to=9998-12-31")]
    [InlineData("analytics?from=1970-01-01&to=1970-01-02")]
    public async Task PeriodsAtTheEdgesOfTheSupportedRange_AreSummarised(string path)
    {
        using var folder = new TempDirectory();
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseFileStore(o => o.Directory = folder.Path));

        using var response = await host.Client.SendAsync(Get(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FailingStore_Is503_WithoutTheExceptionText()
    {
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseStore(_ => new BrokenIndexStore()));

        using var response = await host.Client.SendAsync(Get("analytics"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("secret-host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreThatCannotListTurnsByTime_Is501()
    {
        await using var host = await StartAsync(s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseStore(_ => new NoIndexStore()));

        using var response = await host.Client.SendAsync(Get("analytics"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Mapping_WithoutAuthorizationServices_FailsFastSayingWhatToAdd()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WebTestHost.StartAsync(
            services: s => s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore(),
            map: app => app.MapDigitalTwinAnalytics()));

        Assert.Contains("AddAuthorization", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)] // AddAuthorization() alone
    [InlineData(true)] // AddAuthentication() too, but no scheme
    public async Task Mapping_WithAuthorizationButNoAuthenticationScheme_FailsAtStartSayingWhatToAdd(bool addAuthentication)
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WebTestHost.StartAsync(
            services: s =>
            {
                s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
                if (addAuthentication)
                {
                    s.AddAuthentication();
                }

                s.AddAuthorization();
            },
            map: app => app.MapDigitalTwinAnalytics()));

        Assert.Contains("no authentication scheme", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddAuthentication", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_WithoutAddDigitalTwin_FailsFast()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WebTestHost.StartAsync(
            services: s => s.AddAuthorization(),
            map: app => app.MapDigitalTwinAnalytics()));

        Assert.Contains("AddDigitalTwin", ex.Message, StringComparison.Ordinal);
    }

    private class NoIndexStore : IConversationStore
    {
        public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ConversationTurn>>([]);
    }

    private sealed class BrokenIndexStore : NoIndexStore, DigitalTwin.Analytics.ITurnIndex
    {
        public IAsyncEnumerable<DigitalTwin.Analytics.TurnRecord> ReadTurnsAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, "could not reach secret-host:9000");
    }
}
