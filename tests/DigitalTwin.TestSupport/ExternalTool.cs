using System.ComponentModel;
using System.Diagnostics;

namespace DigitalTwin.Testing;

/// <summary>
/// Runs a command-line tool from the machine's Python AWS tooling (cfn-lint, python3 with aws-sam-translator, moto_server)
/// and returns its exit code and output. Tests using these carry <c>[Trait("Category", ExternalTool.Category)]</c>;
/// ./test.sh installs the tools with pip, or leaves the category out saying so (and fails under CI=true).
/// </summary>
public static class ExternalTool
{
    /// <summary>The test category of tests that need the Python AWS tools.</summary>
    public const string Category = "PythonAwsTools";

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = StartInfo(tool, args);
        info.WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory;
        return RunAsync(info, TimeSpan.FromMinutes(2));
    }

    /// <summary>Runs <paramref name="info"/> to its end (stdin closed when redirected) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info, TimeSpan timeout, string? install = null)
    {
        using var process = Start(info, install);
        if (info.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Starts <paramref name="info"/>; when its program is missing, says what to <paramref name="install"/> (default: the Python AWS tools).</summary>
    public static Process Start(ProcessStartInfo info, string? install = null)
    {
        try
        {
            return Process.Start(info)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"'{info.FileName}' is not on PATH. " + (install ??
                "Install the Python AWS tools (pip install 'moto[server]' cfn-lint aws-sam-translator boto3), " +
                $"or run ./test.sh, which installs them or leaves the '{Category}' tests out."), ex);
        }
    }
}
