using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>The chat page's header, typing indicator, stop button, timestamps and language, in Chromium.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ChatPageBehaviourTests(ChromiumFixture chromium)
{
    private static readonly Action<WebApplication> MapApiAndPage = app =>
    {
        app.MapDigitalTwin();
        app.MapDigitalTwinChat();
    };

    [Fact]
    public async Task Header_shows_the_persons_name_and_photo_and_messages_carry_timestamps()
    {
        var persona = PersonaFolder.Create("Ada Lovelace", "Ada");
        TestPhoto.AddTo(persona);
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = persona }, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        var photo = page.Locator(".dt-chat__photo");
        await Expect(photo).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("document.querySelector('.dt-chat__photo').naturalWidth > 0");
        await Expect(page).ToHaveTitleAsync("Ada Lovelace · digital twin");
        await page.GetByLabel("Your message").FillAsync("Hello");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".dt-chat__msg--pending")).ToHaveCountAsync(0);

        var stamps = page.Locator(".dt-chat__msg time");
        await Expect(stamps).ToHaveCountAsync(2);
        var stamp = DateTimeOffset.Parse(await stamps.First.GetAttributeAsync("datetime") ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - stamp, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        await Expect(stamps.First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,2}:\d{2}"));
        await page.ReloadAsync();
        await Expect(page.Locator(".dt-chat__msg time")).ToHaveCountAsync(2);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Typing_indicator_shows_until_the_first_text_and_stop_cancels_the_stream_keeping_the_message()
    {
        var chat = new FakeChatClient { HangBeforeFirstPiece = true };
        await using var host = await WebTestHost.StartAsync(chat: chat, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        var input = page.GetByLabel("Your message");
        await input.FillAsync("Tell me a long story");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".dt-chat__typing")).ToBeVisibleAsync();
        await Expect(page.Locator(".dt-chat__typing")).ToContainTextAsync("Ada is typing…");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        Assert.True(await chat.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Expect(page.Locator(".dt-chat__msg")).ToHaveCountAsync(0);
        await Expect(input).ToHaveValueAsync("Tell me a long story");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await page.CloseAsync();
    }

    [Fact]
    public async Task Stop_after_some_text_keeps_it_marked_as_not_saved_and_nothing_is_stored()
    {
        var chat = new FakeChatClient { Pieces = ["Once upon a time", " there was an engine."], HangAfterFirstPiece = true };
        await using var host = await WebTestHost.StartAsync(chat: chat, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        await page.GetByLabel("Your message").FillAsync("A story, please");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync("Once upon a time");
        await Expect(page.Locator(".dt-chat__typing")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        Assert.True(await chat.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Expect(page.Locator(".dt-chat__msg--cut")).ToContainTextAsync("Stopped. This answer was not saved.");
        var session = await page.EvaluateAsync<string>("Object.keys(localStorage).map(k => localStorage.getItem(k))[0]");
        using var stored = JsonDocument.Parse(await host.Client.GetStringAsync("conversation/" + session));
        Assert.Equal(0, stored.RootElement.GetProperty("messages").GetArrayLength());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Spanish_twin_gets_a_spanish_page_and_spanish_error_details_and_the_page_can_be_switched_back()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DigitalTwin:PersonaDirectory"] = PersonaFolder.Create("Sofía Herrera", "Sofía"),
            ["DigitalTwin:Language"] = "Spanish",
            ["DigitalTwin:MaxMessageLength"] = "20",
        };
        await using var host = await WebTestHost.StartAsync(settings, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        var input = page.GetByLabel("Tu mensaje");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Nueva conversación" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await input.FillAsync("Un mensaje que es demasiado largo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("El mensaje tiene 33 caracteres; el máximo permitido es 20.");
        await input.FillAsync("¿Quién eres?");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync("Hello from the twin.");
        await Expect(page.Locator(".dt-chat__who").First).ToHaveTextAsync("Tú: ");

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/?lang=en").ToString());
        await Expect(page.GetByLabel("Your message")).ToBeVisibleAsync();
        await page.CloseAsync();
    }

    [Fact]
    public async Task Page_calls_the_api_where_the_app_mapped_it_in_a_group_next_to_the_apps_own_home_page()
    {
        var chat = new FakeChatClient { Pieces = ["From /api."] };
        await using var host = await WebTestHost.StartAsync(chat: chat, map: app =>
        {
            app.MapGet("/", () => Results.Content("<h1>My site</h1>", "text/html"));
            app.MapGroup("/api").MapDigitalTwin();
            app.MapDigitalTwinChat();
        });
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await page.GetByLabel("Your message").FillAsync("Where are you?");
        await page.GetByLabel("Your message").PressAsync("Enter");

        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync("From /api.");
        Assert.Single(chat.Calls);
        await page.GotoAsync(host.BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My site" })).ToBeVisibleAsync();
        await page.CloseAsync();
    }
}
