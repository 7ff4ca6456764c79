using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DigitalTwin.Testing;

/// <summary>A Node.js server from tests/tools (or another local emulator process) on a loopback port, killed (with its process tree) on dispose.</summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Installs the tools if needed, starts <c>node {nodeOptions} {script} {args}</c> and waits until the port accepts connections.</summary>
    public static async Task<NodeServer> StartAsync(string[] nodeOptions, string script, int port, params string[] args)
    {
        await NodeTools.EnsureInstalledAsync();
        var start = NodeTools.StartInfo("node", NodeTools.ToolsDirectory, [.. nodeOptions, script, .. args]);
        return await WatchAsync(NodeTools.Start(start), port, script);
    }

    /// <summary>Starts dynalite (DynamoDB, in memory, tables ready at once) on a free loopback port.</summary>
    public static Task<NodeServer> StartDynaliteAsync()
    {
        var port = NodeTools.FreePort();
        return StartAsync([], "node_modules/dynalite/cli.js", port,
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
    }

    /// <summary>Starts s3rver (S3, keeping its objects in <paramref name="directory"/>) on a free loopback port.</summary>
    public static Task<NodeServer> StartS3rverAsync(string directory)
    {
        var port = NodeTools.FreePort();

        // s3rver's list continuation tokens use DES, which Node.js 17+ keeps behind the legacy provider.
        return StartAsync(["--openssl-legacy-provider"], "node_modules/s3rver/bin/s3rver.js", port,
            "--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent");
    }

    /// <summary>Starts another local emulator (moto_server) the same way: on a loopback port, killed on dispose.</summary>
    public static Task<NodeServer> StartProcessAsync(ProcessStartInfo start, int port) =>
        WatchAsync(ExternalTool.Start(start), port, start.FileName);

    private static async Task<NodeServer> WatchAsync(Process process, int port, string name)
    {
        var server = new NodeServer(process, port);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilListeningAsync(name);
        return server;
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > 50 && _output.TryDequeue(out _))
            {
            }
        }
    }

    private async Task WaitUntilListeningAsync(string script)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{script} exited ({_process.ExitCode}) before listening on port {Port}:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
