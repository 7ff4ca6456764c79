using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DigitalTwin.AspNetCore.Tests.Samples;

/// <summary>The Native AOT build of the Kestrel sample against its JIT build (the rest of the sample tests run on either).</summary>
public sealed partial class NativeKestrelSampleTests
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [NativeKestrelFact]
    public async Task PrintPrompt_IsByteIdenticalToTheJitBuilds()
    {
        var native = await PrintPromptAsync(SampleProcess.NativeExecutable);
        var jit = await PrintPromptAsync(null);

        // The prompt ends with the current date and time, which differ between the two runs; everything else must not.
        Assert.Contains("Maya Lindqvist", native, StringComparison.Ordinal);
        Assert.Equal(WithoutClock(jit), WithoutClock(native));
    }

    private static async Task<string> PrintPromptAsync(string? executable)
    {
        using var process = Process.Start(SampleProcess.StartInfo(executable, new Dictionary<string, string?>(), "--print-prompt"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(stdout);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, await stderr);
        return StrictUtf8.GetString(stdout.ToArray()); // raw bytes, decoded strictly: equal strings are equal bytes
    }

    private static string WithoutClock(string prompt) => Clock().Replace(prompt, "$1<now>");

    [GeneratedRegex("(the current date and time is: )[^\n]*")]
    private static partial Regex Clock();
}
