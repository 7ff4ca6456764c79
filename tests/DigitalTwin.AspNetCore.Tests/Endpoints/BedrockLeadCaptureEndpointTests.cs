using System.Text.Json.Nodes;
using Amazon.Runtime;
using DigitalTwin.AspNetCore.Tests.Web;
using DigitalTwin.Owner;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// Lead capture over real HTTP with Bedrock: Kestrel on loopback, the twin's Bedrock client talking to a loopback Converse
/// endpoint that answers with a toolUse (JSON) or streams it as AWS event-stream frames made by the official codec.
/// </summary>
public sealed class BedrockLeadCaptureEndpointTests
{
    private const string Input = """{"email":"grace@example.com","name":"Grace Hopper"}""";

    [Fact]
    public async Task Chat_OverConverse_RecordsTheLead_AndSendsTheToolResultBack()
    {
        await using var bedrock = await LoopbackServer.StartAsync();
        var answers = new Queue<string>([ToolUse(Input), Text("Thanks Grace, Maya will write to you.")]);
        bedrock.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answers.Dequeue());
        };
        await using var app = await StartAsync(bedrock);

        var response = await app.Client.PostAsJsonAsync("chat", new { message = "grace@example.com" });

        response.EnsureSuccessStatusCode();
        Assert.Equal("One moment.\n\nThanks Grace, Maya will write to you.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString());
        Assert.Equal("grace@example.com", Assert.Single(await RecordsAsync(app)).Email);
        Assert.All(bedrock.Requests, r => Assert.EndsWith("/converse", r.Path, StringComparison.Ordinal));
        var result = JsonNode.Parse(bedrock.Requests[1].Body)!["messages"]!.AsArray()[^1]!["content"]![0]!["toolResult"]!;
        Assert.Equal("tooluse_1", result["toolUseId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatStream_OverConverseStream_RunsTheStreamedToolUse_AndKeepsStreamingTextAfterIt()
    {
        await using var bedrock = await LoopbackServer.StartAsync();
        var streams = new Queue<byte[]>([
            await Frames.EncodeAsync(Frames.ToolUse("One moment. ", "tooluse_1", "record_user_details", Input[..15], Input[15..])),
            await Frames.EncodeAsync(Frames.Conversation("Thanks Grace, ", "Maya will write to you."))]);
        bedrock.Handler = async context =>
        {
            context.Response.ContentType = "application/vnd.amazon.eventstream";
            await context.Response.Body.WriteAsync(streams.Dequeue());
        };
        await using var app = await StartAsync(bedrock);

        using var response = await app.Client.SendAsync(Sse.Post("chat/stream", new { message = "grace@example.com" }), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(response);

        var text = string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Equal("One moment. \n\nThanks Grace, Maya will write to you.", text);
        Assert.Equal("done", events[^1].Event);
        var record = Assert.Single(await RecordsAsync(app));
        Assert.Equal(("grace@example.com", "Grace Hopper"), (record.Email, record.Name));
        Assert.All(bedrock.Requests, r => Assert.EndsWith("/converse-stream", r.Path, StringComparison.Ordinal));
        var session = SessionId.Parse(events[0].Data.GetProperty("session_id").GetString()!);
        var turn = Assert.Single(await Store(app).ReadLatestAsync(new ConversationKey("default", session), 5));
        Assert.Equal(text, turn.Assistant.Content);
    }

    private static Task<TwinWebApp> StartAsync(LoopbackServer bedrock) =>
        TwinWebApp.StartAsync((twin, _) => twin
            .UseBedrock(o => (o.Region, o.Endpoint, o.Credentials) = ("us-east-1", bedrock.BaseAddress, new BasicAWSCredentials("AKIDEXAMPLE", "not-a-secret")))
            .UseInMemoryStore()
            .UseLeadCapture());

    private static string ToolUse(string input) =>
        """{"output":{"message":{"role":"assistant","content":[{"text":"One moment."},{"toolUse":{"toolUseId":"tooluse_1","name":"record_user_details","input":"""
        + input + """}}]}},"stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":20,"totalTokens":50},"metrics":{"latencyMs":5}}""";

    private static string Text(string text) =>
        $$$"""
        {"output":{"message":{"role":"assistant","content":[{"text":{{{JsonSerializer.Serialize(text)}}}}]}},
         "stopReason":"end_turn","usage":{"inputTokens":40,"outputTokens":10,"totalTokens":50},"metrics":{"latencyMs":5}}
        """;

    private static IConversationStore Store(TwinWebApp app) =>
        (IConversationStore)app.App.Services.GetRequiredService<IDigitalTwin>().GetService(typeof(IConversationStore))!;

    private static async Task<List<OwnerRecord>> RecordsAsync(TwinWebApp app) =>
        await Store(app).GetService<IOwnerRecords>()!.ReadAsync("default", DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync();
}
