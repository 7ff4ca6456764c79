using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>
/// The npm packages of tests/tools (s3rver, dynalite): installs them with <c>npm ci</c> once per lock-file version (a file
/// lock keeps parallel test classes and processes from racing) and finds free loopback ports for them.
/// </summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The tests/tools folder, found by walking up from the test binaries.</summary>
    public static string ToolsDirectory { get; } = FindToolsDirectory();

    /// <summary>Runs <c>npm ci</c> in tests/tools unless node_modules already matches package-lock.json.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            var marker = Path.Combine(ToolsDirectory, "node_modules", ".digitaltwin-installed");
            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(ToolsDirectory, "package-lock.json"))));
            if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
            {
                return;
            }

            using var fileLock = await AcquireFileLockAsync(Path.Combine(ToolsDirectory, ".npm-ci.lock"));
            if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
            {
                return; // another process installed meanwhile
            }

            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            await File.WriteAllTextAsync(marker, lockHash);
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = ToolsDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{file}' was not found: the S3 and DynamoDB store tests need Node.js 20+ with npm on the PATH (Debian: apt-get install nodejs npm) to run s3rver and dynalite.", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' in {ToolsDirectory} failed ({process.ExitCode}):\n{await output}\n{await errors}");
            }
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string FindToolsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/tools/package.json was not found above {AppContext.BaseDirectory}.");
    }
}
