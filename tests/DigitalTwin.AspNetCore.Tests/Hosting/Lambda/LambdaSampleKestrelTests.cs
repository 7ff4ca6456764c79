namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaSampleKestrelTests
{
    [Fact]
    public async Task WithoutTheRuntimeApiVariable_TheLambdaSampleServesOnKestrel()
    {
        await using var sample = SampleProcess.StartLambda(null, new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = Path.Combine(Path.GetTempPath(), "dt-lambda-kestrel-" + Guid.NewGuid().ToString("N")),
        });

        await sample.WaitUntilHealthyAsync(); // throws with the sample's output if it exits or never answers

        using var response = await sample.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
