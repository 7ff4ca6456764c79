using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaSampleInitErrorTests
{
    [Fact]
    public async Task MissingPersonaFolder_PostsInitErrorAndExitsNonZero()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        await using var sample = SampleProcess.Start(runtime.Address, new Dictionary<string, string?>
        {
            ["DigitalTwin__PersonaDirectory"] = Path.Combine(Path.GetTempPath(), "no-such-persona-" + Guid.NewGuid().ToString("N")),
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
        });

        var initError = await runtime.InitError.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("Runtime.StartupFailure", initError.Headers["Lambda-Runtime-Function-Error-Type"], StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-persona", System.Text.Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);

        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        Assert.Equal(0, runtime.NextCalls);
    }
}
