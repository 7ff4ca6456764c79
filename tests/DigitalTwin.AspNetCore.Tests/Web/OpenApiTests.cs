namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class OpenApiTests
{
    private static readonly string[] ChatProblems = ["400", "404", "409", "413", "415", "502", "503", "504"];

    private static async Task<JsonDocument> DocumentAsync(IDictionary<string, string?>? settings = null)
    {
        await using var host = await WebTestHost.StartAsync(
            settings,
            s =>
            {
                s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore().AddDigitalTwinHealthChecks();
                s.AddOpenApi();
            },
            app =>
            {
                app.MapDigitalTwin();
                app.MapDigitalTwinChat();
                app.MapOpenApi();
            });
        return JsonDocument.Parse(await host.Client.GetStringAsync("openapi/v1.json"));
    }

    [Fact]
    public async Task Document_lists_every_endpoint_with_its_declared_problem_responses()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        foreach (var prefix in new[] { string.Empty, "/twins/{twin}" })
        {
            foreach (var path in new[] { prefix + "/chat", prefix + "/chat/stream" })
            {
                var operation = paths.GetProperty(path).GetProperty("post");
                var body = operation.GetProperty("requestBody");
                Assert.True(body.GetProperty("required").GetBoolean(), path);
                Assert.EndsWith("/ChatRequest", body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
                var responses = operation.GetProperty("responses");
                Assert.True(responses.TryGetProperty("200", out _), path);
                foreach (var status in ChatProblems)
                {
                    Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {status}");
                }
            }

            var conversation = paths.GetProperty(prefix + "/conversation/{session_id}").GetProperty("get").GetProperty("responses");
            Assert.All(new[] { "200", "400", "404", "503" }, s => Assert.True(conversation.TryGetProperty(s, out _), $"conversation {s}"));
        }

        Assert.True(paths.GetProperty("/chat/stream").GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(paths.GetProperty("/health").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/health/ready").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/").TryGetProperty("get", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/chat-ui", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatRequest_schema_has_message_and_session_id_with_message_required()
    {
        using var document = await DocumentAsync();
        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ChatRequest");

        var properties = schema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("message", out _));
        Assert.True(properties.TryGetProperty("session_id", out _));
        Assert.Contains("message", schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", properties.GetProperty("message").GetProperty("type").GetString());
        Assert.True(properties.GetProperty("session_id").TryGetProperty("pattern", out _));
        var chatResponse = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ChatResponse").GetProperty("properties");
        Assert.True(chatResponse.TryGetProperty("response", out _));
        Assert.True(chatResponse.TryGetProperty("session_id", out _));
    }

    [Fact]
    public async Task Document_declares_401_and_429_when_api_keys_and_rate_limits_are_on()
    {
        using var document = await DocumentAsync(new Dictionary<string, string?>
        {
            ["DigitalTwin:Web:ApiKeys:0"] = "0123456789abcdef0123",
            ["DigitalTwin:Web:RateLimit:PermitsPerMinutePerIp"] = "10",
        });
        var responses = document.RootElement.GetProperty("paths").GetProperty("/chat").GetProperty("post").GetProperty("responses");

        Assert.True(responses.TryGetProperty("401", out _));
        Assert.True(responses.TryGetProperty("429", out _));
    }
}
