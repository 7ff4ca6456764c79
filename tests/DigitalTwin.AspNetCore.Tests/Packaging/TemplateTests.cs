namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>
/// `dotnet new digitaltwin` as a user meets it: scripts/pack-local.sh packs the libraries and the template package into a
/// folder feed; the template is installed from its .nupkg into a temporary hive; the app it creates builds, its generated
/// prompt snapshot test passes, its publish output holds the whole persona, and the published app chats with a model.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Template_from_the_packed_feed_creates_an_app_that_tests_publishes_the_whole_persona_and_chats()
    {
        var feed = Path.Combine(_temp.Path, "feed");
        var (packCode, packOutput) = await DotNetCli.RunProcessAsync("bash", RepositoryRoot.Path, "scripts/pack-local.sh", feed);
        Assert.True(packCode == 0, packOutput);
        var version = packOutput.Trim().Split('\n')[^1].Trim();
        Assert.Matches(@"^0\.1\.0-local\.\d{14}$", version);
        Assert.Equal(
            new[] { "DigitalTwin.AspNetCore", "DigitalTwin.Core", "DigitalTwin.Templates" }.Select(p => $"{p}.{version}.nupkg"),
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var hive = Path.Combine(_temp.Path, "hive");
        var root = Path.Combine(_temp.Path, "MyTwin");
        await DotNet(_temp.Path, "new", "install", Path.Combine(feed, $"DigitalTwin.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        await DotNet(_temp.Path, "new", "digitaltwin", "-n", "MyTwin", "-o", root, "--debug:custom-hive", hive);
        await DotNetCli.WriteNuGetConfigAsync(root, feed);

        // The generated tests: the snapshot of the prompt the app is configured to send (written on this first run).
        await DotNet(root, "test");
        var snapshot = await File.ReadAllTextAsync(Path.Combine(root, "tests", "MyTwin.Tests", "prompt.verified.txt"));
        Assert.Contains("digital twin of Alex Rivera", snapshot, StringComparison.Ordinal);
        Assert.Contains("Friendly and direct", snapshot, StringComparison.Ordinal);
        Assert.Contains("A status page for a small hosting company", snapshot, StringComparison.Ordinal);

        // Publish: every persona file, not only facts.json.
        var publish = Path.Combine(_temp.Path, "publish");
        await DotNet(root, "publish", "src/MyTwin/MyTwin.csproj", "-c", "Release", "-o", publish);
        Assert.Equal(
            ["facts.json", "projects.md", "style.txt", "summary.txt"],
            Directory.GetFiles(Path.Combine(publish, "persona")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"\"DigitalTwin.AspNetCore/{version}\"", await File.ReadAllTextAsync(Path.Combine(publish, "MyTwin.deps.json")), StringComparison.Ordinal);

        // The published app, from its own folder, against an OpenAI-compatible stub on loopback.
        await using var model = await LoopbackServer.StartAsync();
        model.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"c","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hi, I'm Alex."},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":5,"total_tokens":905}}""");
        };
        await using var app = await SampleProcess.StartAsync(Path.Combine(publish, "MyTwin.dll"), new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-template-test",
            ["OPENAI_BASE_URL"] = model.BaseAddress + "v1",
            ["MEMORY_DIR"] = Path.Combine(_temp.Path, "memory"),
        });

        using var chat = await app.Client.PostAsJsonAsync("/chat", new { message = "Who are you?" });
        using var persona = JsonDocument.Parse(await app.Client.GetStringAsync("/persona"));
        using var page = await app.Client.GetAsync("/chat-ui/");

        Assert.True(chat.IsSuccessStatusCode, await chat.Content.ReadAsStringAsync() + app.Output);
        Assert.Equal("Hi, I'm Alex.", (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString());
        var sent = Assert.Single(model.Requests, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Body;
        Assert.Contains("Friendly and direct", sent, StringComparison.Ordinal);        // style.txt
        Assert.Contains("A status page for a small hosting company", sent, StringComparison.Ordinal); // projects.md
        Assert.Equal("Alex Rivera", persona.RootElement.GetProperty("full_name").GetString());
        Assert.True(page.IsSuccessStatusCode);
    }

    private static async Task DotNet(string directory, params string[] args)
    {
        var (code, output) = await DotNetCli.RunAsync(directory, args);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} failed ({code}):\n{output}");
    }
}
