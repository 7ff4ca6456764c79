using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>
/// The real Lambda sample, started as its own process and pointed at the fakes: bootstrap.dll with <c>dotnet</c>, or the
/// published native <c>bootstrap</c> named by <c>DIGITALTWIN_NATIVE_LAMBDA</c> (.ci/native-aot.sh sets it), so the same tests
/// check both.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    /// <summary>The variable that names a published Native AOT <c>bootstrap</c> to run instead of the JIT build.</summary>
    public const string NativeVariable = "DIGITALTWIN_NATIVE_LAMBDA";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process) => _process = process;

    public static string SampleDirectory => Metadata("LambdaSampleDirectory");

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

    public static string Metadata(string key)
        => typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Starts the sample; without <paramref name="runtimeApi"/> it runs as an ordinary Kestrel app.</summary>
    public static SampleProcess Start(string? runtimeApi, IDictionary<string, string?> environment)
    {
        var native = Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;
        var program = native ?? Path.Combine(SampleDirectory, "bootstrap.dll");
        Assert.True(File.Exists(program), $"The Lambda sample is not built at {program}.");
        var start = new ProcessStartInfo(native ?? "dotnet")
        {
            WorkingDirectory = native is null ? SampleDirectory : Path.GetDirectoryName(native)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (native is null)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "MEMORY_DIR", "USE_S3", "CORS_ORIGINS", "DIGITALTWIN_LAMBDA_STREAMING", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }

        if (runtimeApi is null)
        {
            start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        }
        else
        {
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var sample = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
