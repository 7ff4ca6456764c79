using DigitalTwin.Providers;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DigitalTwin.AspNetCore.Tests.Web;

[Collection(ChromiumTests.Name)]
public sealed class ChatPageBrowserTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly Action<WebApplication> MapApiAndPage = app =>
    {
        app.MapDigitalTwin();
        app.MapDigitalTwinChat();
    };

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone-360", 360, 740)]
    public async Task Chat_page_streams_the_reply_and_shows_history_after_reload(string name, int width, int height)
    {
        var chat = new FakeChatClient
        {
            Pieces = ["Hello! ", "I am Ada's ", "digital twin. ", "Ask me about **engines**, for example:\n\n", "- the *Analytical Engine*\n", "- `Note G`, the first program"],
            PieceDelay = TimeSpan.FromMilliseconds(250),
        };
        var persona = PersonaFolder.Create();
        TestPhoto.AddTo(persona);
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = persona }, chat: chat, map: MapApiAndPage);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui").ToString());
        Assert.EndsWith("/chat-ui/", page.Url);
        var input = page.GetByLabel("Your message");
        await input.FillAsync("Who are you?");
        await input.PressAsync("Enter");

        // Streamed: the reply is visible while it is still arriving, then complete.
        var reply = page.Locator(".dt-chat__msg--assistant").Last;
        await Expect(page.Locator(".dt-chat__msg--pending")).ToContainTextAsync("Hello!");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("chat-page-" + name + "-streaming") });
        await Expect(reply.Locator("li")).ToHaveTextAsync(["the Analytical Engine", "Note G, the first program"]);
        await Expect(page.Locator(".dt-chat__msg--pending")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-role=announcer]")).ToContainTextAsync("Note G");
        await Expect(input).ToBeFocusedAsync();

        await page.ReloadAsync();
        await Expect(page.Locator(".dt-chat__msg--user .dt-chat__text")).ToHaveTextAsync(["Who are you?"]);
        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync(["Hello! I am Ada's digital twin. Ask me about engines"]);
        await page.WaitForFunctionAsync("document.querySelector('.dt-chat__photo').naturalWidth > 0");
        var path = Screenshots.PathFor("chat-page-" + name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The page scrolls sideways at this width.");
    }

    [Fact]
    public async Task Chat_page_keeps_shift_enter_newlines_and_shows_the_problem_detail_when_the_provider_is_not_configured()
    {
        await using var host = await WebTestHost.StartAsync(services: s => s.AddDigitalTwin().UseInMemoryStore(), map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        var input = page.GetByLabel("Your message");
        await input.FillAsync("Hello?");
        await input.PressAsync("Shift+Enter");
        await input.PressSequentiallyAsync("Anyone?");
        await Expect(input).ToHaveValueAsync("Hello?\nAnyone?");
        await Expect(page.Locator(".dt-chat__msg")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("OPENAI_API_KEY");
        await Expect(page.Locator(".dt-chat__msg")).ToHaveCountAsync(0);
        await Expect(page.Locator(".dt-chat__empty")).ToBeVisibleAsync();
        await Expect(input).ToHaveValueAsync("Hello?\nAnyone?");
        var path = Screenshots.PathFor("chat-page-error");
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"Screenshot: {path}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Chat_page_from_another_origin_talks_to_a_named_twin_through_cors()
    {
        var ada = new FakeChatClient { Pieces = ["Ada here."] };

        // The page is served by one host (as from S3 + CloudFront) and calls the API on another origin.
        await using var site = await WebTestHost.StartAsync(map: app => app.MapDigitalTwinChat());
        var pageOrigin = site.BaseAddress.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        var settings = new Dictionary<string, string?>
        {
            ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Create(),
            ["DigitalTwin:Web:CorsOrigins:0"] = pageOrigin,
        };
        await using var cors = await WebTestHost.StartAsync(settings, s =>
        {
            s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
            s.AddDigitalTwin("ada").UseChatClient(ada).UseInMemoryStore();
        });
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync($"{pageOrigin}/chat-ui/?api={Uri.EscapeDataString(cors.BaseAddress.ToString())}&twin=ada");
        await page.GetByLabel("Your message").FillAsync("Hi");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync(["Ada here."]);
        Assert.Single(ada.Calls);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Script_and_div_embed_on_another_site_uses_the_script_origin_as_api_and_a_named_twin()
    {
        var ada = new FakeChatClient { Pieces = ["Ada's twin, ", "at your service."] };
        var siteOrigin = string.Empty;
        await using var site = await WebTestHost.StartAsync(map: app => app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content(HostPage(siteOrigin), "text/html")));
        await using var api = await WebTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Create(),
                ["DigitalTwin:Web:CorsOrigins:0"] = site.BaseAddress.ToString().TrimEnd('/'),
            },
            s => s.AddDigitalTwin("ada").UseChatClient(ada).UseInMemoryStore(),
            MapApiAndPage);
        siteOrigin = api.BaseAddress.ToString().TrimEnd('/');
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.BaseAddress.ToString());
        await page.GetByLabel("Your message").FillAsync("Hello Ada");
        await page.GetByLabel("Your message").PressAsync("Enter");

        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync([string.Concat(ada.Pieces!)]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask Ada's twin" })).ToBeVisibleAsync();
        var path = Screenshots.PathFor("chat-embed-script");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }

    private static string HostPage(string api) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Ada Lovelace</title>
          <link rel="stylesheet" href="{{api}}/chat-ui/chat.css">
          <style>body { font-family: Georgia, serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }</style>
        </head>
        <body>
          <h1>Ada Lovelace</h1>
          <p>Mathematician. Writes about the Analytical Engine. Ask my digital twin below.</p>
          <div data-digital-twin-chat data-twin="ada" data-title="Ask Ada's twin"></div>
          <script src="{{api}}/chat-ui/chat.js" defer></script>
        </body>
        </html>
        """;
}
