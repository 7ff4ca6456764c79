using System.Collections.Concurrent;
using System.Net;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>The Lambda sample with the stack's <c>ModelProvider=Bedrock</c> settings sends the chat to Bedrock, not OpenAI.</summary>
public sealed class LambdaSampleBedrockTests
{
    [Fact]
    public async Task ProviderBedrock_ChatGoesToTheBedrockEndpointWithTheModelId()
    {
        var paths = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bedrock = builder.Build();
        bedrock.Run(context =>
        {
            paths.Enqueue(context.Request.Method + " " + context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers["x-amzn-ErrorType"] = "AccessDeniedException";
            return context.Response.WriteAsJsonAsync(new { message = "fake Bedrock: no access" });
        });
        await bedrock.StartAsync();
        var bedrockUrl = bedrock.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var openAI = await FakeOpenAI.StartAsync();
        await using var runtime = await FakeRuntimeApi.StartAsync();
        await using var sample = SampleProcess.StartLambda(runtime.Address, new Dictionary<string, string?>
        {
            ["DigitalTwin__Provider"] = "Bedrock",
            ["BEDROCK_MODEL_ID"] = "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            ["DigitalTwin__Bedrock__Endpoint"] = bedrockUrl,
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
        Assert.Contains(paths, p => p.StartsWith("POST /model/", StringComparison.Ordinal) && p.Contains("claude-3-5-haiku", StringComparison.Ordinal));
    }
}
