using DigitalTwin.AspNetCore.Tests.Endpoints;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;
using DigitalTwin.Owner;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>Lead capture through the Lambda host: API Gateway events in, the event's source IP as the client address, tool calls run.</summary>
[Collection(InProcessLambdaHost.Collection)]
public sealed class LambdaLeadCaptureTests
{
    [Fact]
    public async Task HttpApiEvents_RecordLeads_AndTheirSourceIpDrivesThePerClientLimit()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        foreach (var question in new[] { "first?", "second?", "third?" })
        {
            openAI.Call("record_unknown_question", JsonSerializer.Serialize(new { question })).Answer("Noted.");
        }

        await using var host = await StartAsync(openAI, streaming: false);

        foreach (var ip in new[] { "198.51.100.9", "198.51.100.9", "203.0.113.5" })
        {
            var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"a question"}""", sourceIp: ip));
            Assert.Equal(200, result.StatusCode);
        }

        Assert.Equal(["first?", "third?"], (await RecordsAsync(host)).Select(r => r.Question!).Order());
    }

    [Fact]
    public async Task StreamedFunctionUrlResponse_KeepsStreamingTextAfterTheToolRan()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        openAI.Call("record_user_details", """{"email":"grace@example.com"}""").Answer("Thanks Grace, Maya will be in touch.");
        await using var host = await StartAsync(openAI, streaming: true);

        var result = await host.Runtime.InvokeAsync(LambdaEvents.FunctionUrl("POST", "/chat/stream", """{"message":"grace@example.com"}"""));

        Assert.True(result.IsStreamed);
        Assert.Equal(200, result.StatusCode);
        Assert.Contains("event: delta", result.BodyText);
        Assert.Contains("Maya", result.BodyText);
        Assert.Contains("event: done", result.BodyText);
        Assert.Equal("grace@example.com", Assert.Single(await RecordsAsync(host)).Email);
    }

    private static Task<InProcessLambdaHost> StartAsync(ToolCallingOpenAI openAI, bool streaming) =>
        InProcessLambdaHost.StartAsync(
            app => app.MapDigitalTwin(),
            streaming,
            services => services.AddDigitalTwin(o => o.PersonaDirectory = TwinWebApp.SamplePersona)
                .UseOpenAI(o => (o.Endpoint, o.ApiKey) = (openAI.Endpoint, "sk-test"))
                .UseInMemoryStore()
                .UseLeadCapture(t => t.MaxRecordsPerClient = 1));

    private static async Task<List<OwnerRecord>> RecordsAsync(InProcessLambdaHost host) =>
        await ((IConversationStore)host.Services.GetRequiredService<IDigitalTwin>().GetService(typeof(IConversationStore))!)
            .GetService<IOwnerRecords>()!.ReadAsync("default", DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync();
}
