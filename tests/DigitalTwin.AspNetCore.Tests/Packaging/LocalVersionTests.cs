using System.Text.RegularExpressions;

namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>A local `dotnet pack` gets a prerelease version of its own, so the NuGet cache never serves a stale package.</summary>
public sealed class LocalVersionTests
{
    private const string Project = "src/DigitalTwin.Core/DigitalTwin.Core.csproj";

    [Fact]
    public async Task Pack_without_a_version_gets_a_local_prerelease_suffix_and_a_build_keeps_the_plain_version()
    {
        var (packCode, packVersion) = await DotNetCli.RunAsync(RepositoryRoot.Path, "msbuild", Project, "-getProperty:PackageVersion", "-p:_IsPacking=true");
        var (buildCode, buildVersion) = await DotNetCli.RunAsync(RepositoryRoot.Path, "msbuild", Project, "-getProperty:PackageVersion");
        var (releaseCode, releaseVersion) = await DotNetCli.RunAsync(RepositoryRoot.Path, "msbuild", Project, "-getProperty:PackageVersion", "-p:_IsPacking=true", "-p:Version=1.2.3");

        Assert.True(packCode == 0 && buildCode == 0 && releaseCode == 0, packVersion + buildVersion + releaseVersion);
        Assert.Matches(new Regex(@"^0\.1\.0-local\.\d{12}$"), packVersion.Trim());
        Assert.Equal("0.1.0", buildVersion.Trim());
        Assert.Equal("1.2.3", releaseVersion.Trim());
    }
}
