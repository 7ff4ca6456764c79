using System.Diagnostics;
using Microsoft.Playwright;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Microsoft.Playwright (its node driver ships in the NuGet package; no browser download).
/// Installs Chromium with apt-get when it is missing, once per test run.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static async Task EnsureChromiumAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(ExecutablePath))
            {
                return;
            }

            var (code, output) = await RunAsync("bash", "-c \"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\"");
            if (code != 0 || !File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException(
                    $"Chromium is missing at {ExecutablePath} and 'apt-get install -y chromium' failed (exit {code}). " +
                    "Install it as root (apt-get update && apt-get install -y chromium) and run the tests again. Output:" +
                    Environment.NewLine + output);
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return (process.ExitCode, output.Length > 4000 ? output[^4000..] : output);
    }
}
