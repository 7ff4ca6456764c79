using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>What the chat page puts on screen: Markdown as DOM nodes, and nothing a visitor or a model writes ever runs.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ChatPageContentTests(ChromiumFixture chromium)
{
    private const string Xss = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    private static readonly Action<WebApplication> MapApiAndPage = app =>
    {
        app.MapDigitalTwin();
        app.MapDigitalTwinChat();
    };

    [Fact]
    public async Task Reply_markdown_becomes_bold_italics_lists_code_and_safe_links()
    {
        var chat = new FakeChatClient
        {
            Pieces =
            [
                "I work on **analytical engines** and *poetical science*.\n\n",
                "- first `Note G`\n- second\n\n1. one\n2. two\n\n",
                "See [my site](https://example.com/ada) or mail [me](mailto:ada@example.com), not [this](javascript:alert(1)).",
            ],
        };
        await using var host = await WebTestHost.StartAsync(chat: chat, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        await page.GetByLabel("Your message").FillAsync("What do you do?");
        await page.GetByLabel("Your message").PressAsync("Enter");

        var reply = page.Locator(".dt-chat__msg--assistant .dt-chat__text");
        await Expect(reply.Locator("strong")).ToHaveTextAsync("analytical engines");
        await Expect(reply.Locator("em")).ToHaveTextAsync("poetical science");
        await Expect(reply.Locator("ul > li")).ToHaveTextAsync(["first Note G", "second"]);
        await Expect(reply.Locator("ol > li")).ToHaveTextAsync(["one", "two"]);
        await Expect(reply.Locator("code")).ToHaveTextAsync("Note G");
        var links = reply.Locator("a");
        await Expect(links).ToHaveCountAsync(2);
        await Expect(links.First).ToHaveAttributeAsync("href", "https://example.com/ada");
        await Expect(links.First).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(links.First).ToHaveAttributeAsync("target", "_blank");
        await Expect(links.Last).ToHaveAttributeAsync("href", "mailto:ada@example.com");
        await Expect(reply).ToContainTextAsync("not this.");
        Assert.DoesNotContain("**", await reply.TextContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Html_and_script_in_messages_and_replies_are_shown_as_text_and_never_run()
    {
        var chat = new FakeChatClient { Pieces = ["Here: " + Xss, " and **<b>bold</b>** [x](javascript:window.__xss=3) [y](data:text/html,hi)"] };
        await using var host = await WebTestHost.StartAsync(chat: chat, map: MapApiAndPage);
        var page = await chromium.Browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync(new Uri(host.BaseAddress, "chat-ui/").ToString());
        await page.GetByLabel("Your message").FillAsync(Xss);
        await page.GetByLabel("Your message").PressAsync("Enter");
        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync("<b>bold</b>");
        await page.ReloadAsync(); // and again from the stored history
        await Expect(page.Locator(".dt-chat__msg--assistant")).ToContainTextAsync("<b>bold</b>");

        await Expect(page.Locator(".dt-chat__msg--user .dt-chat__text")).ToHaveTextAsync(Xss);
        await Expect(page.Locator(".dt-chat__log img, .dt-chat__log script, .dt-chat__log b")).ToHaveCountAsync(0);
        await Expect(page.Locator(".dt-chat__log a")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("window.__xss"));
        Assert.Equal(0, dialogs);
        await page.CloseAsync();
    }
}
