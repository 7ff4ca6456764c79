using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class MultiTwinTests
{
    private static async Task<(WebTestHost Host, FakeChatClient Ada, FakeChatClient Grace)> StartTwoTwinsAsync()
    {
        var ada = new FakeChatClient { Pieces = ["I am Ada."] };
        var grace = new FakeChatClient { Pieces = ["I am Grace."] };
        var settings = new Dictionary<string, string?>
        {
            ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Create("Ada Lovelace", "Ada"),
            ["DigitalTwin:Twins:grace:PersonaDirectory"] = PersonaFolder.Create("Grace Hopper", "Grace"),
        };
        var host = await WebTestHost.StartAsync(settings, s =>
        {
            s.AddDigitalTwin("ada").UseChatClient(ada).UseInMemoryStore();
            s.AddDigitalTwin("grace").UseChatClient(grace).UseInMemoryStore();
        });
        return (host, ada, grace);
    }

    private static async Task<string> SendAsync(HttpClient client, string path, object body, string? tenant = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant-ID", tenant);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString()!;
    }

    [Fact]
    public async Task Same_session_id_under_two_twins_keeps_two_separate_conversations()
    {
        var (host, ada, grace) = await StartTwoTwinsAsync();
        await using var _ = host;
        const string session = "shared-session-0001";

        Assert.Equal("I am Ada.", await SendAsync(host.Client, "twins/ada/chat", new { message = "Hi Ada", session_id = session }));
        Assert.Equal("I am Grace.", await SendAsync(host.Client, "chat", new { message = "Hi Grace", session_id = session }, tenant: "grace"));

        var adaConversation = await host.Client.GetFromJsonAsync<JsonElement>($"twins/ada/conversation/{session}");
        var graceConversation = await host.Client.GetFromJsonAsync<JsonElement>($"twins/grace/conversation/{session}");
        Assert.Equal(["Hi Ada", "I am Ada."], adaConversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(["Hi Grace", "I am Grace."], graceConversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Contains("Ada Lovelace", ada.LastMessages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", grace.LastMessages[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twins/nobody/chat", null)]
    [InlineData("chat", "nobody")]
    [InlineData("twins/nobody/chat/stream", null)]
    [InlineData("chat/stream", "nobody")]
    public async Task Unknown_twin_by_route_or_header_is_404_problem(string path, string? tenant)
    {
        var (host, ada, grace) = await StartTwoTwinsAsync();
        await using var _ = host;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { message = "Hi" }) };
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant-ID", tenant);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("'nobody'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, ada.Calls.Count + grace.Calls.Count);
    }

    [Fact]
    public async Task Unknown_twin_conversation_read_is_404_problem()
    {
        var (host, _, _) = await StartTwoTwinsAsync();
        await using var _ = host;

        using var response = await host.Client.GetAsync("twins/nobody/conversation/session-00000001");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Single_twin_one_line_setup_answers_on_plain_routes_and_under_twins_default()
    {
        await using var host = await WebTestHost.StartAsync();

        Assert.Equal("Hello from the twin.", await SendAsync(host.Client, "chat", new { message = "Hi" }));
        Assert.Equal("Hello from the twin.", await SendAsync(host.Client, "twins/default/chat", new { message = "Hi" }));
        var info = await host.Client.GetFromJsonAsync<JsonElement>("/");
        Assert.Equal(["default"], info.GetProperty("twins").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Named_twins_read_their_own_OpenAI_settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Create(),
            ["DigitalTwin:Twins:ada:OpenAI:ApiKey"] = "sk-ada-test",
            ["DigitalTwin:Twins:ada:OpenAI:Model"] = "gpt-ada",
            ["DigitalTwin:Twins:grace:PersonaDirectory"] = PersonaFolder.Create(),
            ["DigitalTwin:Twins:grace:OpenAI:Model"] = "gpt-grace",
        };
        await using var host = await WebTestHost.StartAsync(settings, s =>
        {
            s.AddDigitalTwin("ada").UseOpenAI().UseInMemoryStore().AddDigitalTwinHealthChecks();
            s.AddDigitalTwin("grace").UseOpenAI().UseInMemoryStore();
        });
        var options = host.Services.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>();

        Assert.Equal("gpt-ada", options.Get("ada").Model);
        Assert.Equal("sk-ada-test", options.Get("ada").ApiKey);
        Assert.Equal("gpt-grace", options.Get("grace").Model);

        // Grace has no key of her own: her chat says so, while Ada is configured.
        using var graceChat = await host.Client.PostAsJsonAsync("twins/grace/chat", new { message = "Hi" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, graceChat.StatusCode);
        Assert.Contains("grace", await graceChat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ready = await host.Client.GetAsync("health/ready");
        Assert.Contains("Twin 'grace' has no model provider", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
