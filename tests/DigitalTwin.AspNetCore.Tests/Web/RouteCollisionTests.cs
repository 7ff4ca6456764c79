using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class RouteCollisionTests
{
    [Fact]
    public async Task App_home_page_wins_over_the_service_information_and_a_log_line_says_so()
    {
        var log = new ListLogger();
        await using var host = await WebTestHost.StartAsync(
            services: s =>
            {
                s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
                s.AddLogging(b => b.AddProvider(new ListLoggerProvider(log)));
            },
            map: app =>
            {
                app.MapGet("/", () => "Hello World!"); // what `dotnet new web` creates
                app.MapDigitalTwin();
            });

        using var home = await host.Client.GetAsync("/");
        using var chat = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("Hello World!", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        lock (log.Entries)
        {
            Assert.Contains(log.Entries, e => e.EventId.Id == 4005 && e.Message.Contains("GET / is the app's own endpoint", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_an_app_home_page_the_service_information_answers_at_the_root_and_nothing_is_logged()
    {
        var log = new ListLogger();
        await using var host = await WebTestHost.StartAsync(services: s =>
        {
            s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
            s.AddLogging(b => b.AddProvider(new ListLoggerProvider(log)));
        });

        using var info = JsonDocument.Parse(await host.Client.GetStringAsync("/"));

        Assert.Equal("AI Digital Twin API", info.RootElement.GetProperty("message").GetString());
        lock (log.Entries)
        {
            Assert.DoesNotContain(log.Entries, e => e.EventId.Id == 4005);
        }
    }

    [Fact]
    public async Task Api_in_a_group_serves_every_route_under_the_prefix_and_the_chat_page_is_pointed_at_it()
    {
        await using var host = await WebTestHost.StartAsync(map: app =>
        {
            app.MapGet("/", () => Results.Content("<h1>My site</h1>", "text/html"));
            app.MapGroup("/api").MapDigitalTwin();
            app.MapDigitalTwinChat();
        });

        using var home = await host.Client.GetAsync("/");
        using var info = JsonDocument.Parse(await host.Client.GetStringAsync("api/"));
        using var chat = await host.Client.PostAsJsonAsync("api/chat", new { message = "Hi" });
        using var rootChat = await host.Client.PostAsJsonAsync("chat", new { message = "Hi" });
        using var health = await host.Client.GetAsync("api/health");
        var page = await host.Client.GetStringAsync("chat-ui/");

        Assert.Equal("<h1>My site</h1>", await home.Content.ReadAsStringAsync());
        Assert.Equal("AI Digital Twin API", info.RootElement.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rootChat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("data-api-base=\"/api\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_page_of_an_app_without_the_api_keeps_its_script_origin_default()
    {
        await using var host = await WebTestHost.StartAsync(map: app => app.MapDigitalTwinChat());

        var page = await host.Client.GetStringAsync("chat-ui/");

        Assert.Contains("data-api-base=\"\"", page, StringComparison.Ordinal);
    }
}
