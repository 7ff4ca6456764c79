using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// Microsoft.Extensions.AI function invocation over a twin's Bedrock pipeline (UseBedrock against the fake endpoint): the model
/// asks for a tool, the function runs with the model's arguments, and the next request carries the toolUse and its toolResult.
/// </summary>
public sealed class BedrockFunctionInvocationTests : IDisposable
{
    private readonly TempDirectory _persona = new();

    public void Dispose() => _persona.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvocation_RunsTheTool_ThenSendsItsResult_AndReturnsTheFinalAnswer(bool stream)
    {
        await using var server = await FakeBedrockServer.StartAsync();
        const string Input = """{"email":"grace@example.com","name":"Grace Hopper"}""";
        await BedrockTestClient.EnqueueToolRoundAsync(server, stream, Input, split: 17);
        await using var sp = await BedrockTestClient.TwinServicesAsync(server, _persona);
        var calls = new List<(string Email, string Name)>();
        var recordUserDetails = AIFunctionFactory.Create(
            (string email, string name) =>
            {
                calls.Add((email, name));
                return "saved";
            },
            "record_user_details",
            "Records a visitor who wants to get in touch.");
        using var client = new ChatClientBuilder(sp.GetRequiredKeyedService<IChatClient>("default")).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [recordUserDetails] };

        var answer = stream
            ? string.Concat((await client.GetStreamingResponseAsync(BedrockTestClient.Conversation(), options).ToListAsync()).Select(u => u.Text))
            : string.Concat((await client.GetResponseAsync(BedrockTestClient.Conversation(), options)).Messages.Select(m => m.Text));

        Assert.Equal([("grace@example.com", "Grace Hopper")], calls);
        Assert.Equal("Un momento. Thanks Grace, Ada will write to you.", answer);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.EndsWith(stream ? "/converse-stream" : "/converse", r.Target, StringComparison.Ordinal));
        var first = JsonNode.Parse(requests[0].BodyText)!;
        Assert.Equal("record_user_details", first["toolConfig"]!["tools"]![0]!["toolSpec"]!["name"]!.GetValue<string>());
        var second = JsonNode.Parse(requests[1].BodyText)!;
        var messages = second["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var expectedTail = JsonNode.Parse("""
            [{"role":"assistant","content":[{"text":"Un momento. "},{"toolUse":{"toolUseId":"tooluse_01","name":"record_user_details","input":{"email":"grace@example.com","name":"Grace Hopper"}}}]},
             {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_01","content":[{"text":"saved"}]}}]}]
            """)!.AsArray();
        Assert.True(JsonNode.DeepEquals(expectedTail[0], messages[3]), messages[3]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expectedTail[1], messages[4]), messages[4]!.ToJsonString());
        Assert.NotNull(second["toolConfig"]);
        server.AssertAllSigned();
    }

    [Fact]
    public async Task FailingFunction_IsSentAsAnErrorToolResult_WithoutTheExceptionText()
    {
        await using var server = await FakeBedrockServer.StartAsync();
        server.Enqueue(
            FakeResponse.Json(200, BedrockTestClient.ToolUseResponse("tooluse_02", "record_user_details", """{"email":"grace@example.com","name":"Grace"}""")),
            FakeResponse.Json(200, BedrockTestClient.ConverseResponse("Sorry, I could not save that.")));
        await using var sp = await BedrockTestClient.TwinServicesAsync(server, _persona);
        var failing = AIFunctionFactory.Create(
            string (string email, string name) => throw new InvalidOperationException("store password=hunter2 rejected " + email),
            "record_user_details");
        using var client = new ChatClientBuilder(sp.GetRequiredKeyedService<IChatClient>("default")).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(BedrockTestClient.Conversation(), new ChatOptions { Tools = [failing] });

        Assert.Equal("Sorry, I could not save that.", response.Messages[^1].Text);
        var second = server.Requests.ToArray()[1].BodyText;
        var result = JsonNode.Parse(second)!["messages"]!.AsArray()[^1]!["content"]![0]!["toolResult"]!;
        Assert.Equal("tooluse_02", result["toolUseId"]!.GetValue<string>());
        Assert.Equal("error", result["status"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", second, StringComparison.Ordinal);
    }
}
