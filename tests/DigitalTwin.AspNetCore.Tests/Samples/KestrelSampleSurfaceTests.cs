using System.Diagnostics;
using FakeOpenAI = DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support.FakeOpenAI;

namespace DigitalTwin.AspNetCore.Tests.Samples;

/// <summary>
/// The Kestrel sample's whole HTTP surface over real HTTP: every route, bad inputs, settings from environment variables, the
/// S3 store, start-up failures. .ci/native-aot.sh runs these against the Native AOT build (<see cref="SampleProcess.NativeVariable"/>),
/// so they must hold for both builds.
/// </summary>
public sealed class KestrelSampleSurfaceTests : IDisposable
{
    private readonly TempDirectory _memory = new();

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task EveryRoute_AnswersWithItsContentType()
    {
        await using var openAI = await FakeOpenAI.StartAsync();
        openAI.PauseBetweenChunks = TimeSpan.Zero;
        await using var sample = await SampleProcess.StartAsync(Configured(openAI));

        var chat = await sample.Client.PostAsJsonAsync("/chat", new { message = "Who are you?" });
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var session = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session_id").GetString()!;

        var stream = await sample.Client.PostAsync("/chat/stream", Json($$"""{"message":"And more?","session_id":"{{session}}"}"""));
        var events = await stream.Content.ReadAsStringAsync();
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: session", events, StringComparison.Ordinal);
        Assert.Contains("event: delta\ndata: {\"text\":\"Hello\"}", events, StringComparison.Ordinal);
        Assert.Contains("event: done", events, StringComparison.Ordinal);

        var conversation = await sample.Client.GetFromJsonAsync<JsonElement>($"/conversation/{session}");
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
        Assert.Equal("Hello from the twin.", conversation.GetProperty("messages")[3].GetProperty("content").GetString());

        var info = await sample.Client.GetFromJsonAsync<JsonElement>("/");
        Assert.Equal("default", info.GetProperty("twins")[0].GetString());

        var ready = await sample.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("healthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var page = await sample.Client.GetAsync("/chat-ui/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("chat.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sample.Client.GetAsync("/chat-ui/chat.js")).StatusCode);

        var openApi = await sample.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var chatBody = openApi.GetProperty("paths").GetProperty("/chat").GetProperty("post");
        Assert.True(chatBody.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(openApi.GetProperty("components").GetProperty("schemas").TryGetProperty("ChatResponse", out _));
    }

    [Theory]
    [InlineData("/chat", "text/plain", "hello", 415)]
    [InlineData("/chat", "application/json", "{not json", 400)]
    [InlineData("/chat", "application/json", "{\"message\":\"   \"}", 400)]
    [InlineData("/chat", "application/json", "{\"message\":\"hi\",\"session_id\":\"bad id!\"}", 400)]
    [InlineData("/chat", "application/json", "{\"message\":\"hi\",\"turn_id\":\"has space\"}", 400)]
    [InlineData("/chat/stream", "application/json", "null", 400)]
    [InlineData("/twins/nobody/chat", "application/json", "{\"message\":\"hi\"}", 404)]
    public async Task BadInput_IsAProblemDetailsWithItsStatus(string path, string contentType, string body, int status)
    {
        await using var openAI = await FakeOpenAI.StartAsync();
        await using var sample = await SampleProcess.StartAsync(Configured(openAI));

        var response = await sample.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

        await AssertProblemAsync(response, status);
        Assert.Equal(0, openAI.Calls);
    }

    [Fact]
    public async Task BadSessionInTheConversationRoute_Is400AndTooLargeBodyIs413()
    {
        await using var openAI = await FakeOpenAI.StartAsync();
        await using var sample = await SampleProcess.StartAsync(Configured(openAI));

        await AssertProblemAsync(await sample.Client.GetAsync("/conversation/x"), 400);
        await AssertProblemAsync(await sample.Client.PostAsync("/chat", Json($$"""{"message":"{{new string('a', 70_000)}}"}""")), 413);
    }

    [Fact]
    public async Task SettingFromAnEnvironmentVariable_ChangesTheLimit()
    {
        await using var openAI = await FakeOpenAI.StartAsync();
        var environment = Configured(openAI);
        environment["DigitalTwin__MaxMessageLength"] = "5";
        await using var sample = await SampleProcess.StartAsync(environment);

        var response = await sample.Client.PostAsJsonAsync("/chat", new { message = "Hello there" });

        var problem = await AssertProblemAsync(response, 400);
        Assert.Contains("the most allowed is 5", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sample.Client.PostAsJsonAsync("/chat", new { message = "Hey" })).StatusCode);
    }

    [Fact]
    public async Task UseS3_KeepsTheConversationInS3rverAcrossProcesses()
    {
        using var bucketFolder = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(bucketFolder.Path, "twin-conversations"));
        await using var s3 = await NodeServer.StartS3rverAsync(bucketFolder.Path);
        await using var openAI = await FakeOpenAI.StartAsync();
        var environment = Configured(openAI);
        environment["USE_S3"] = "true";
        environment["S3_BUCKET"] = "twin-conversations";
        environment["DigitalTwin__S3Store__ServiceUrl"] = s3.Url;
        environment["DigitalTwin__S3Store__Region"] = "us-east-1";
        environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";

        string session;
        await using (var first = await SampleProcess.StartAsync(environment))
        {
            var chat = await first.Client.PostAsJsonAsync("/chat", new { message = "Remember me" });
            Assert.True(chat.IsSuccessStatusCode, await chat.Content.ReadAsStringAsync() + first.Output);
            session = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session_id").GetString()!;
        }

        environment["MEMORY_DIR"] = Path.Combine(_memory.Path, "elsewhere");
        await using var second = await SampleProcess.StartAsync(environment);
        var history = await second.Client.GetFromJsonAsync<JsonElement>($"/conversation/{session}");
        Assert.Equal("Remember me", history.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Empty(Directory.EnumerateFiles(_memory.Path, "*.jsonl", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("DigitalTwin__MaxMessageLength", "0", "MaxMessageLength")]
    [InlineData("DigitalTwin__PersonaDirectory", "/no/such/persona-folder", "persona")]
    public async Task StartUpFailure_ExitsWithCode1AndSaysWhyOnStderr(string setting, string value, string expected)
    {
        var environment = new Dictionary<string, string?> { ["MEMORY_DIR"] = _memory.Path, ["OPENAI_API_KEY"] = "sk-test", [setting] = value };
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{NodeTools.FreePort()}";
        using var process = Process.Start(SampleProcess.StartInfo(environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderrRead = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The sample kept running with {setting}={value} instead of failing to start.");
        }

        await stdout;
        var stderr = await stderrRead;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("The app failed to start:", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.OrdinalIgnoreCase);
    }

    private Dictionary<string, string?> Configured(FakeOpenAI openAI) => new()
    {
        ["OPENAI_API_KEY"] = "sk-test",
        ["OPENAI_BASE_URL"] = openAI.BaseUrl,
        ["MEMORY_DIR"] = _memory.Path,
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
