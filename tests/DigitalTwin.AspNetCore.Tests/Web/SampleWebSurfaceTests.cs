namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>The Kestrel sample's web surface as a user runs it (its own process): chat page, OpenAPI, health.</summary>
public sealed class SampleWebSurfaceTests
{
    [Fact]
    public async Task Sample_serves_chat_page_openapi_and_health_and_readiness_says_the_provider_is_missing()
    {
        var memory = Directory.CreateTempSubdirectory("dt-web-sample-").FullName;
        await using var sample = await SampleProcess.StartAsync(new Dictionary<string, string?> { ["MEMORY_DIR"] = memory });

        using var page = await sample.Client.GetAsync("/chat-ui/");
        using var openApi = JsonDocument.Parse(await sample.Client.GetStringAsync("/openapi/v1.json"));
        using var live = await sample.Client.GetAsync("/health");
        using var ready = await sample.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-digital-twin-chat", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/chat/stream", out _));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("no model provider configured", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
