using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;

namespace DigitalTwin.Testing;

/// <summary>
/// A sample app run as its own process, its output kept: the Kestrel sample (the JIT build from the test output, or the
/// published native binary named by <c>DIGITALTWIN_NATIVE_KESTREL</c>), any other built app given its dll (the template and
/// packaging tests), or the Lambda sample (bootstrap.dll, or the native <c>bootstrap</c> named by <c>DIGITALTWIN_NATIVE_LAMBDA</c>).
/// .ci/native-aot.sh sets the variables, so the same tests check both builds.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    /// <summary>The variable that names a published Native AOT build of the Kestrel sample to run instead of the JIT build.</summary>
    public const string NativeVariable = "DIGITALTWIN_NATIVE_KESTREL";

    /// <summary>The variable that names a published Native AOT <c>bootstrap</c> of the Lambda sample to run instead of the JIT build.</summary>
    public const string NativeLambdaVariable = "DIGITALTWIN_NATIVE_LAMBDA";

    // What a developer's shell may have set that would change how a sample starts: always the test's to choose.
    private static readonly string[] SampleVariables =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "MEMORY_DIR", "USE_S3", "CORS_ORIGINS", "DIGITALTWIN_LAMBDA_STREAMING", "ASPNETCORE_URLS", "AWS_LAMBDA_RUNTIME_API"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the app listens when it serves HTTP (Kestrel, or the Lambda sample without a Runtime API).</summary>
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

    public bool HasExited => _process.HasExited;

    /// <summary>The native Kestrel binary named by <see cref="NativeVariable"/>, or <see langword="null"/> to run the JIT build.</summary>
    public static string? NativeExecutable => Native(NativeVariable);

    /// <summary>The Lambda sample's build output folder (bootstrap.dll).</summary>
    public static string LambdaSampleDirectory => Metadata("LambdaSampleDirectory");

    /// <summary>A path the build recorded (LambdaSampleDirectory, LambdaSampleProjectDirectory).</summary>
    public static string Metadata(string key)
        => typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The Kestrel sample's start: the native build when <see cref="NativeVariable"/> is set, else the JIT build.</summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string?> environment, params string[] args) => StartInfo(NativeExecutable, environment, args);

    /// <summary>
    /// The start of <paramref name="executable"/>: the Kestrel sample's JIT build from the test output when null, an app's dll
    /// (run by <c>dotnet</c>) or a published native binary, each from its own folder, where its persona is published beside it.
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

        foreach (var name in SampleVariables)
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
        var sample = Start(executable, environment);
        await sample.WaitUntilHealthyAsync();
        return sample;
    }

    /// <summary>
    /// Starts the Lambda sample in production mode, pointed at <paramref name="runtimeApi"/>; without it the sample serves on
    /// Kestrel at <see cref="BaseAddress"/>.
    /// </summary>
    public static SampleProcess StartLambda(string? runtimeApi, IDictionary<string, string?> environment)
    {
        var program = Native(NativeLambdaVariable) ?? Path.Combine(LambdaSampleDirectory, "bootstrap.dll");
        Assert.True(File.Exists(program), $"The Lambda sample is not built at {program}.");
        var env = new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        if (runtimeApi is not null)
        {
            env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        }

        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        return Start(program, env);
    }

    /// <summary>Waits until <c>/health</c> answers 200; throws with the app's output when it exits or takes over 60 s.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await DisposeAsync();
        throw new TimeoutException($"The sample did not answer /health within 60 s:\n{Output}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no shutdown, no flushing, as in a crash.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
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

    private static string? Native(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    // Starts the app on a free loopback port (unless the test chose ASPNETCORE_URLS), keeping its output.
    private static SampleProcess Start(string? executable, IDictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>(environment);
        if (!env.TryGetValue("ASPNETCORE_URLS", out var urls) || urls is null)
        {
            env["ASPNETCORE_URLS"] = urls = $"http://127.0.0.1:{NodeTools.FreePort()}";
        }

        var process = Process.Start(StartInfo(executable, env))!;
        var sample = new SampleProcess(process, new Uri(urls));
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
