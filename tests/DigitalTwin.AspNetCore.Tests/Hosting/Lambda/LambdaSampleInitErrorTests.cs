using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaSampleInitErrorTests
{
    [Theory]
    [InlineData("DigitalTwin__PersonaDirectory", "/no-such-persona-folder", "persona")]
    [InlineData("DigitalTwin__MaxMessageLength", "0", "MaxMessageLength")]
    public async Task StartUpFailure_PostsInitErrorAndExitsWith1SayingWhyOnStderr(string setting, string value, string expected)
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        await using var sample = SampleProcess.StartLambda(runtime.Address, new Dictionary<string, string?>
        {
            [setting] = value,
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
        });

        var initError = await runtime.InitError.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("Runtime.StartupFailure", initError.Headers["Lambda-Runtime-Function-Error-Type"], StringComparison.Ordinal);
        Assert.DoesNotContain(value, System.Text.Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);

        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode); // a clean exit, not an unhandled-exception abort (134)
        Assert.Contains("The app failed to start:", sample.Output, StringComparison.Ordinal);
        Assert.Contains(expected, sample.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, runtime.NextCalls);
    }
}
