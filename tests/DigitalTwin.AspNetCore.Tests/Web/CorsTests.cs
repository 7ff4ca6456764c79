namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class CorsTests
{
    private const string Allowed = "https://www.example.com";

    private static Task<WebTestHost> StartAsync(params (string Key, string Value)[] settings) =>
        WebTestHost.StartAsync(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("chat/stream")]
    [InlineData("twins/default/chat/stream")]
    public async Task Preflight_from_an_allowed_origin_echoes_the_origin(string path)
    {
        await using var host = await StartAsync(("DigitalTwin:Web:CorsOrigins:0", Allowed));

        using var response = await host.Client.SendAsync(Preflight(path, Allowed));

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_and_request_from_another_origin_get_no_allow_origin_header()
    {
        await using var host = await StartAsync(("CORS_ORIGINS", Allowed));

        using var preflight = await host.Client.SendAsync(Preflight("chat", "https://evil.example.net"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = JsonContent.Create(new { message = "Hi" }) };
        request.Headers.Add("Origin", "https://evil.example.net");
        using var actual = await host.Client.SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Actual_request_from_an_allowed_origin_gets_allow_origin_and_exposes_retry_after()
    {
        await using var host = await StartAsync(("CORS_ORIGINS", Allowed + ",http://localhost:3000"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = JsonContent.Create(new { message = "Hi" }) };
        request.Headers.Add("Origin", "http://localhost:3000");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("www.example.com", "needs a scheme")]
    [InlineData("https://www.example.com/", "no path or trailing slash")]
    [InlineData("https://*.example.com", "has a wildcard")]
    public async Task Invalid_origin_fails_at_start_with_the_reason(string origin, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(("DigitalTwin:Web:CorsOrigins:0", origin)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wildcard_origin_with_credentials_fails_at_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(("DigitalTwin:Web:CorsOrigins:0", "*"), ("DigitalTwin:Web:CorsAllowCredentials", "true")));

        Assert.Contains("cannot be combined with CorsAllowCredentials", error.Message, StringComparison.Ordinal);
    }
}
