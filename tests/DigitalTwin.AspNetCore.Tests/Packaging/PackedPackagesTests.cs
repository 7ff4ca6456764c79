using System.Globalization;
using System.IO.Compression;
using DigitalTwin.AspNetCore.Tests.Support;
using DigitalTwin.Core.Tests.Support;

namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>Packs both libraries and builds a fresh app, outside the solution, that restores them from a local folder feed.</summary>
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
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
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
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDigitalTwin(o => o.PersonaDirectory = "persona").UseOpenAI().UseFileStore();
            var app = builder.Build();
            app.MapDigitalTwin().WithTags("Twin");
            app.Run();
            """);

        var (buildCode, buildOutput) = await DotNetCli.RunAsync(app, "build", "-c", "Release");

        Assert.True(buildCode == 0, buildOutput);
        Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "DigitalTwin.Core.dll")), buildOutput);
    }
}
