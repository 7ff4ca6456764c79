using System.Diagnostics;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// Runs the official AWS JavaScript packages in tests/tools/bedrock with node. Installs them with <c>npm ci</c> when
/// node_modules is missing (once, under a cross-process lock), and fails loudly when node or npm is not installed.
/// </summary>
internal static class NodeTools
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The tests/tools/bedrock folder, with its packages installed.</summary>
    public static Task<string> DirectoryAsync() => Installed.Value;

    /// <summary>Runs <c>node script args</c> in the tools folder and returns its standard output; throws when it fails.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var dir = await DirectoryAsync();
        var (code, stdout, stderr) = await ExecAsync("node", dir, [script, .. args]);
        return code == 0 ? stdout : throw new InvalidOperationException($"node {script} exited with {code}: {stderr}{stdout}");
    }

    public static ProcessStartInfo StartInfo(string file, string directory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static async Task<string> InstallAsync()
    {
        var dir = Path.Combine(RepoRoot(), "tests", "tools", "bedrock");
        foreach (var tool in new[] { "node", "npm" })
        {
            try
            {
                await ExecAsync(tool, dir, ["--version"]);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException(
                    $"The Bedrock provider tests drive the official AWS SDK for JavaScript and need Node.js 20+ and npm on PATH, but '{tool}' was not found "
                    + "(Debian/Ubuntu: apt-get install nodejs npm). These tests are not skipped without it.", ex);
            }
        }

        if (File.Exists(Path.Combine(dir, "node_modules", ".package-lock.json")))
        {
            return dir;
        }

        // One npm ci at a time across test processes: the first installs, the others wait and then find node_modules.
        using var gate = await LockAsync(Path.Combine(Path.GetTempPath(), "digitaltwin-bedrock-npm-ci.lock"));
        if (!File.Exists(Path.Combine(dir, "node_modules", ".package-lock.json")))
        {
            var (code, stdout, stderr) = await ExecAsync("npm", dir, ["ci", "--no-audit", "--no-fund"]);
            if (code != 0)
            {
                throw new InvalidOperationException($"npm ci in {dir} failed with exit code {code}: {stderr}{stdout}");
            }
        }

        return dir;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> ExecAsync(string file, string dir, IEnumerable<string> args)
    {
        using var process = Process.Start(StartInfo(file, dir, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalTwin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (DigitalTwin.sln) above " + AppContext.BaseDirectory);
    }
}
