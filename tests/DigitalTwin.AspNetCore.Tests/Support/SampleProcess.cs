using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalTwin.AspNetCore.Tests.Support;

/// <summary>
/// Runs the Kestrel sample as its own process on a free loopback port: the JIT build from the test output (where the build
/// copies it), or the published native binary named by <c>DIGITALTWIN_NATIVE_KESTREL</c> (.ci/native-aot.sh sets it), so the
/// same tests check both; or any other built app given its dll (the template and packaging tests).
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    /// <summary>The variable that names a published Native AOT build of the sample to run instead of the JIT build.</summary>
    public const string NativeVariable = "DIGITALTWIN_NATIVE_KESTREL";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The native binary named by <see cref="NativeVariable"/>, or <see langword="null"/> to run the JIT build.</summary>
    public static string? NativeExecutable => Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The sample's start: the native build when <see cref="NativeVariable"/> is set, else the JIT build.</summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string?> environment, params string[] args) => StartInfo(NativeExecutable, environment, args);

    /// <summary>
    /// The start of <paramref name="executable"/>: the sample's JIT build from the test output when null, an app's dll (run by
    /// <c>dotnet</c>) or a published native binary, each from its own folder, where its persona is published beside it.
    /// </summary>
    public static ProcessStartInfo StartInfo(string? executable, IDictionary<string, string?> environment, params string[] args)
    {
        var dll = executable is null ? Path.Combine(AppContext.BaseDirectory, "DigitalTwin.Sample.Kestrel.dll")
            : executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? Path.GetFullPath(executable) : null;
        var info = new ProcessStartInfo(dll is null ? executable! : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll ?? Path.GetFullPath(executable!))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll is not null)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "MEMORY_DIR", "CORS_ORIGINS", "ASPNETCORE_URLS", "AWS_LAMBDA_RUNTIME_API" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static Task<SampleProcess> StartAsync(IDictionary<string, string?> environment) => StartAsync(NativeExecutable, environment);

    /// <summary>Starts <paramref name="executable"/> (see <see cref="StartInfo(string?, IDictionary{string, string?}, string[])"/>) and waits until its <c>/health</c> answers.</summary>
    public static async Task<SampleProcess> StartAsync(string? executable, IDictionary<string, string?> environment)
    {
        var port = FreePort();
        var env = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        var process = Process.Start(StartInfo(executable, env))!;
        var sample = new SampleProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with {process.ExitCode}:\n{sample.Output}");
            }

            try
            {
                if ((await sample.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return sample;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await sample.DisposeAsync();
        throw new TimeoutException($"The sample did not answer /health within 60 s:\n{sample.Output}");
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no shutdown, no flushing, as in a crash.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
