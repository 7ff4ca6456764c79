using System.Globalization;
using System.IO.Compression;

namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>
/// Packs both libraries and builds, publishes and starts the app of docs/getting-started.md (from its snippets), outside the
/// solution, restoring the packages from a local folder feed.
/// </summary>
public sealed class PackedPackagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PackedPackages_RestoreFromAFolderFeedAndBuildAFreshApp()
    {
        // A version no earlier run used, so the global package cache cannot hand back a stale copy.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Path.Combine(_temp.Path, "feed");
        foreach (var project in new[] { "src/DigitalTwin.Core/DigitalTwin.Core.csproj", "src/DigitalTwin.AspNetCore/DigitalTwin.AspNetCore.csproj" })
        {
            var (code, output) = await DotNetCli.RunAsync(RepositoryRoot.Path, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}");
            Assert.True(code == 0, output);
        }

        Assert.Equal(["DigitalTwin.AspNetCore." + version + ".nupkg", "DigitalTwin.Core." + version + ".nupkg"],
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var core = ZipFile.OpenRead(Path.Combine(feed, $"DigitalTwin.Core.{version}.nupkg")))
        {
            var entries = core.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/DigitalTwin.Core.dll", entries);
            Assert.Contains("lib/net10.0/DigitalTwin.Core.xml", entries);
        }

        var app = Path.Combine(_temp.Path, "consumer");
        Directory.CreateDirectory(app);
        await DotNetCli.WriteNuGetConfigAsync(app, feed);

        // The app of docs/getting-started.md, from its own snippets: the csproj items of step 2, the Program.cs of step 3.
        var guide = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "getting-started.md"));
        var items = Snippets(guide, "xml").Single(s => s.Contains("persona/**", StringComparison.Ordinal));
        var program = Snippets(guide, "csharp").First(s => s.Contains("AddDigitalTwin()", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DigitalTwin.AspNetCore" Version="{version}" />
              </ItemGroup>
            {items}
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program);
        var persona = Directory.CreateDirectory(Path.Combine(app, "persona")).FullName;
        await File.WriteAllTextAsync(Path.Combine(persona, "facts.json"), Snippets(guide, "json").First(s => s.Contains("\"full_name\"", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(Path.Combine(persona, "summary.txt"), "I design cloud platforms.");
        await File.WriteAllTextAsync(Path.Combine(persona, "style.txt"), "Plain and warm.");
        await File.WriteAllTextAsync(Path.Combine(persona, "projects.md"), "# Projects\n- A billing system.");

        var publish = Path.Combine(_temp.Path, "publish");
        var (buildCode, buildOutput) = await DotNetCli.RunAsync(app, "publish", "-c", "Release", "-o", publish);

        Assert.True(buildCode == 0, buildOutput);
        Assert.True(File.Exists(Path.Combine(publish, "DigitalTwin.Core.dll")), buildOutput);
        Assert.Equal(["facts.json", "projects.md", "style.txt", "summary.txt"],
            Directory.GetFiles(Path.Combine(publish, "persona")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // It starts from its publish folder with no key and answers as the guide says: /health 200, /chat 503 naming the key.
        await using var started = await SampleProcess.StartAsync(Path.Combine(publish, "Consumer.dll"), new Dictionary<string, string?> { ["MEMORY_DIR"] = Path.Combine(_temp.Path, "memory") });
        using var chat = await started.Client.PostAsync("/chat", new StringContent("{\"message\":\"Hi! What do you do?\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Contains("OPENAI_API_KEY", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Snippets(string markdown, string language) =>
        System.Text.RegularExpressions.Regex.Matches(markdown, "```" + language + "\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value);
}
