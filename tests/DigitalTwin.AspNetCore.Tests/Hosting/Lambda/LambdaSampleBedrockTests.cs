using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>The Lambda sample with the stack's <c>ModelProvider=Bedrock</c> settings sends the chat to Bedrock, not OpenAI.</summary>
public sealed class LambdaSampleBedrockTests
{
    [Fact]
    public async Task ProviderBedrock_ChatGoesToTheBedrockEndpointWithTheModelId()
    {
        await using var bedrock = await LoopbackServer.StartAsync();
        bedrock.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers["x-amzn-ErrorType"] = "AccessDeniedException";
            return context.Response.WriteAsJsonAsync(new { message = "fake Bedrock: no access" });
        };

        await using var openAI = await FakeOpenAI.StartAsync();
        await using var runtime = await FakeRuntimeApi.StartAsync();
        await using var sample = SampleProcess.StartLambda(runtime.Address, new Dictionary<string, string?>
        {
            ["DigitalTwin__Provider"] = "Bedrock",
            ["BEDROCK_MODEL_ID"] = "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            ["DigitalTwin__Bedrock__Endpoint"] = bedrock.BaseAddress.GetLeftPart(UriPartial.Authority),
            ["DigitalTwin__Bedrock__Region"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_REGION"] = "us-east-1",
            ["OPENAI_BASE_URL"] = openAI.BaseUrl,
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = Path.Combine(Path.GetTempPath(), "dt-lambda-bedrock-" + Guid.NewGuid().ToString("N")),
        });

        var chat = await runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Hi"}""",
            headers: new Dictionary<string, string> { ["content-type"] = "application/json" }));
        Assert.True(chat.StatusCode >= 400, chat.BodyText + "\n" + sample.Output);
        Assert.Equal(0, openAI.Calls);
        Assert.Contains(bedrock.Requests, r => r.Method == "POST" && r.Path.StartsWith("/model/", StringComparison.Ordinal) && r.Path.Contains("claude-3-5-haiku", StringComparison.Ordinal));
    }
}
