using System.Text.Json.Nodes;
using DigitalTwin.Core.Tests.Tools;
using DigitalTwin.Owner;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// Lead capture end to end over Bedrock Converse (JSON) and ConverseStream (AWS event stream) on a loopback endpoint: the
/// twin sends toolConfig, runs the toolUse, sends the toolResult, and keeps the visible answer with the record.
/// </summary>
public sealed class BedrockLeadCaptureTests : IDisposable
{
    private readonly TempDirectory _persona = new();

    public void Dispose() => _persona.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task VisitorLeavesAnEmail_TheTwinRecordsTheLead_AndAnswersAfterTheTool(bool stream)
    {
        await using var server = await FakeBedrockServer.StartAsync();
        const string Input = """{"email":"grace@example.com","name":"Grace Hopper","notes":"wants to talk about compilers"}""";
        await BedrockTestClient.EnqueueToolRoundAsync(server, stream, Input, split: 20);
        await using var sp = await BedrockTestClient.TwinServicesAsync(server, _persona, b => b.UseLeadCapture());
        var twin = sp.GetRequiredService<IDigitalTwin>();

        var (answer, _, session) = await LeadCaptureTests.AskAsync(twin, "I'd like to talk: grace@example.com", stream);

        Assert.Equal("Un momento. \n\nThanks Grace, Ada will write to you.", answer);
        var record = Assert.Single(await LeadCaptureTests.RecordsAsync(twin));
        Assert.Equal((OwnerRecordKind.Lead, "grace@example.com", "Grace Hopper", "wants to talk about compilers"), (record.Kind, record.Email, record.Name, record.Notes));
        var turn = await LeadCaptureTests.LatestTurnAsync(twin, session);
        Assert.Equal(answer, turn.Assistant.Content);
        Assert.Equal("recorded", Assert.Single(turn.Metadata!.ToolCalls!).Outcome);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.EndsWith(stream ? "/converse-stream" : "/converse", r.Target, StringComparison.Ordinal));
        var tools = JsonNode.Parse(requests[0].BodyText)!["toolConfig"]!["tools"]!.AsArray().Select(t => t!["toolSpec"]!["name"]!.GetValue<string>());
        Assert.Equal(["record_user_details", "record_unknown_question"], tools);
        var result = JsonNode.Parse(requests[1].BodyText)!["messages"]!.AsArray()[^1]!["content"]![0]!["toolResult"]!;
        Assert.Equal("tooluse_01", result["toolUseId"]!.GetValue<string>());
        Assert.StartsWith("Recorded", result["content"]![0]!["text"]!.GetValue<string>());
        server.AssertAllSigned();
    }

    [Fact]
    public async Task InvalidEmail_ComesBackAsAToolResultTheModelRecoversFrom_AndNothingIsRecorded()
    {
        await using var server = await FakeBedrockServer.StartAsync();
        server.Enqueue(
            FakeResponse.Json(200, BedrockTestClient.ToolUseResponse("tooluse_02", "record_user_details", """{"email":"grace at example"}""")),
            FakeResponse.Json(200, BedrockTestClient.ConverseResponse("Could you check the address?")));
        await using var sp = await BedrockTestClient.TwinServicesAsync(server, _persona, b => b.UseLeadCapture());
        var twin = sp.GetRequiredService<IDigitalTwin>();

        var reply = await twin.ChatAsync(new TwinChatRequest("grace at example"));

        Assert.Equal("Un momento. \n\nCould you check the address?", reply.Response);
        Assert.Empty(await LeadCaptureTests.RecordsAsync(twin));
        var result = JsonNode.Parse(server.Requests.ToArray()[1].BodyText)!["messages"]!.AsArray()[^1]!["content"]![0]!["toolResult"]!;
        Assert.StartsWith("Error: 'email' is not a valid email address", result["content"]![0]!["text"]!.GetValue<string>());
    }
}
