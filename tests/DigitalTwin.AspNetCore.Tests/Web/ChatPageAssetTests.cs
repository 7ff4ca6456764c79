namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class ChatPageAssetTests
{
    private static Task<WebTestHost> StartAsync(string pattern = "/chat-ui") => WebTestHost.StartAsync(map: app =>
    {
        app.MapDigitalTwin();
        app.MapDigitalTwinChat(pattern);
    });

    [Fact]
    public async Task Page_without_trailing_slash_redirects_keeping_the_query()
    {
        await using var host = await StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync("chat-ui?twin=ada");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/chat-ui/?twin=ada", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Page_is_html_with_a_content_security_policy_and_relative_assets()
    {
        await using var host = await StartAsync("/talk/");

        using var response = await host.Client.GetAsync("talk/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("src=\"chat.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"chat.css\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat-ui/chat.js", "text/javascript")]
    [InlineData("chat-ui/chat.css", "text/css")]
    public async Task Assets_are_served_with_etag_and_answer_304_when_unchanged(string path, string mediaType)
    {
        await using var host = await StartAsync();

        using var first = await host.Client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await host.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("chat-ui/secrets.json")]
    [InlineData("chat-ui/..%2Fappsettings.json")]
    public async Task Unknown_asset_is_404(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
