using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DigitalTwin.Testing;

/// <summary>
/// The npm packages of tests/tools (s3rver, dynalite) and its subfolders (bedrock: the official AWS SDK for JavaScript):
/// installs a folder's packages with <c>npm ci</c> once per lock-file version (a file lock keeps parallel test classes and
/// processes from racing), runs node scripts there, and finds free loopback ports. Fails loudly when node or npm is missing:
/// the tests that need them are not skipped.
/// </summary>
public static class NodeTools
{
    private const string InstallHint = "The tests that run s3rver, dynalite and the AWS SDK for JavaScript need Node.js 20+ with npm "
        + "on the PATH (Debian/Ubuntu: apt-get install nodejs npm). These tests are not skipped without it.";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The tests/tools folder of the repository.</summary>
    public static string ToolsDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "tools");

    /// <summary>Runs <c>npm ci</c> in tests/tools unless node_modules already matches package-lock.json.</summary>
    public static Task EnsureInstalledAsync() => EnsureInstalledAsync(ToolsDirectory);

    /// <summary>The folder tests/tools/<paramref name="package"/> (for example <c>bedrock</c>), with its packages installed.</summary>
    public static async Task<string> DirectoryAsync(string package)
    {
        var directory = Path.Combine(ToolsDirectory, package);
        await EnsureInstalledAsync(directory);
        return directory;
    }

    /// <summary>Runs <c>node script args</c> in tests/tools/<paramref name="package"/> and returns its standard output; throws when it fails.</summary>
    public static async Task<string> RunAsync(string package, string script, params string[] args)
    {
        var directory = await DirectoryAsync(package);
        var (code, stdout, stderr) = await ExternalTool.RunAsync(StartInfo("node", directory, [script, .. args]), TimeSpan.FromMinutes(5), InstallHint);
        return code == 0 ? stdout : throw new InvalidOperationException($"node {script} exited with {code}: {stderr}{stdout}");
    }

    /// <summary>The start of <paramref name="file"/> in <paramref name="directory"/> with every standard stream redirected.</summary>
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

    /// <summary>Starts a process, saying what to install when its program (node, npm) is not on the PATH.</summary>
    public static Process Start(ProcessStartInfo start) => ExternalTool.Start(start, InstallHint);

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureInstalledAsync(string directory)
    {
        await InstallGate.WaitAsync();
        try
        {
            var marker = Path.Combine(directory, "node_modules", ".digitaltwin-installed");
            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
            if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
            {
                return;
            }

            using var fileLock = await AcquireFileLockAsync(Path.Combine(directory, ".npm-ci.lock"));
            if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
            {
                return; // another process installed meanwhile
            }

            var (code, stdout, stderr) = await ExternalTool.RunAsync(StartInfo("npm", directory, ["ci", "--no-audit", "--no-fund"]), TimeSpan.FromMinutes(5), InstallHint);
            if (code != 0)
            {
                throw new InvalidOperationException($"'npm ci' in {directory} failed ({code}):\n{stdout}\n{stderr}");
            }

            await File.WriteAllTextAsync(marker, lockHash);
        }
        finally
        {
            InstallGate.Release();
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
}
