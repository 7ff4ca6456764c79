using System.Diagnostics;

namespace DigitalTwin.AspNetCore.Tests.Support;

/// <summary>Runs the dotnet CLI (or a script that calls it) and returns its exit code and output.</summary>
public static class DotNetCli
{
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args) =>
        RunProcessAsync("dotnet", workingDirectory, args);

    /// <summary>Runs <paramref name="file"/>; the output is its standard error, then its standard output.</summary>
    public static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Do not inherit the test host's MSBuild state, nor its CI flag: the commands run as in a developer's shell (a generated
        // app's first `dotnet test` writes its prompt snapshot there; with CI=true a missing snapshot is a failure).
        info.Environment.Remove("CI");
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }

    /// <summary>Writes a nuget.config with the local folder feed first, then nuget.org (for the packages' own dependencies).</summary>
    public static Task WriteNuGetConfigAsync(string directory, string feed) => File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="digitaltwin-local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);
}
