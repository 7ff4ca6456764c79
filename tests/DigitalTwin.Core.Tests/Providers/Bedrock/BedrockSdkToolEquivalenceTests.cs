using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// Tool calls against the official @aws-sdk/client-bedrock-runtime: a request with tools, a tool choice, toolUse and toolResult
/// blocks must have the body the SDK sends for the same command input, and a toolUse answer (whole or streamed) must read the
/// same id, name and input the SDK reads.
/// </summary>
public sealed class BedrockSdkToolEquivalenceTests
{
    private const string Input = """{"email":"grace@example.com","name":"Grace Hopper","visits":3}""";

    private static readonly AIFunction RecordUserDetails = AIFunctionFactory.Create(
        (string email, string name, int visits) => "saved", "record_user_details", "Records a visitor who wants to get in touch.");

    private static readonly AIFunction RecordUnknownQuestion = AIFunctionFactory.Create(
        (string question) => "recorded", "record_unknown_question", "Records a question the twin could not answer.");

    [Theory]
    [InlineData(false, "auto")]
    [InlineData(true, "any")]
    [InlineData(false, "specific")]
    [InlineData(true, "none")]
    public async Task SdkAndOurClient_SendEquivalentToolBodies_AndReadTheSameToolUse(bool stream, string mode)
    {
        var credentials = TestCredentials.Basic;
        await using var server = await FakeBedrockServer.StartAsync(credentials);
        var answer = stream
            ? FakeResponse.EventStream(await Frames.EncodeAsync(Frames.ToolUse("Un momento ✓ ", "tooluse_Q1", "record_user_details", Input[..20], Input[20..])), [1, 3, 7])
            : FakeResponse.Json(200, $$$"""
                {"output":{"message":{"role":"assistant","content":[{"text":"Un momento ✓ "},{"toolUse":{"toolUseId":"tooluse_Q1","name":"record_user_details","input":{{{Input}}}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5}}
                """);
        server.Enqueue(answer, answer);
        using var client = BedrockTestClient.Create(server, credentials);
        var options = new ChatOptions { Tools = [RecordUserDetails, RecordUnknownQuestion], ToolMode = ToolMode(mode) };

        var ours = stream
            ? (await client.GetStreamingResponseAsync(Conversation(), options).ToListAsync()).SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single()
            : (await client.GetResponseAsync(Conversation(), options)).Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        var sdk = SdkToolUse(await SdkConverse.RunAsync(server, credentials, stream, SdkInput(mode)), stream);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        JsonEquivalence.AssertEquivalent(requests[1].BodyText, requests[0].BodyText);
        Assert.Equal(mode == "none", !requests[0].BodyText.Contains("toolConfig", StringComparison.Ordinal));
        server.AssertAllSigned();
        Assert.Equal((sdk.Id, sdk.Name), (ours.CallId, ours.Name));
        var arguments = new JsonObject(ours.Arguments!.Select(a => KeyValuePair.Create(a.Key, JsonNode.Parse(((JsonElement)a.Value!).GetRawText()))));
        JsonEquivalence.AssertEquivalent(sdk.Input, arguments.ToJsonString());
    }

    private static ChatToolMode ToolMode(string mode) => mode switch
    {
        "auto" => ChatToolMode.Auto,
        "any" => ChatToolMode.RequireAny,
        "specific" => ChatToolMode.RequireSpecific("record_unknown_question"),
        _ => ChatToolMode.None,
    };

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, BedrockTestClient.Persona),
        new(ChatRole.User, "Soy Grace (grace@example.com). ¿De qué trató el doctorado de Ada?"),
        new(ChatRole.Assistant,
        [
            new TextContent("Lo anoto — un momento."),
            new FunctionCallContent("tooluse_a1", "record_user_details", new Dictionary<string, object?> { ["email"] = "grace@example.com", ["name"] = "Grace", ["visits"] = 1 }),
            new FunctionCallContent("tooluse_b2", "record_unknown_question", new Dictionary<string, object?> { ["question"] = "¿Doctorado?" }),
        ]),
        new(ChatRole.Tool, [new FunctionResultContent("tooluse_a1", JsonDocument.Parse("""{"saved":true,"id":"lead-7"}""").RootElement.Clone())]),
        new(ChatRole.Tool, [new FunctionResultContent("tooluse_b2", "Error: Function failed.") { Exception = new TimeoutException("store timed out") }]),
        new(ChatRole.User, "Gracias."),
    ];

    /// <summary>The same request as the SDK's command input, written out by hand from the Converse API shapes.</summary>
    private static JsonObject SdkInput(string mode)
    {
        var input = new JsonObject
        {
            ["system"] = new JsonArray(new JsonObject { ["text"] = BedrockTestClient.Persona }),
            ["messages"] = JsonNode.Parse("""
                [{"role":"user","content":[{"text":"Soy Grace (grace@example.com). ¿De qué trató el doctorado de Ada?"}]},
                 {"role":"assistant","content":[
                   {"text":"Lo anoto — un momento."},
                   {"toolUse":{"toolUseId":"tooluse_a1","name":"record_user_details","input":{"email":"grace@example.com","name":"Grace","visits":1}}},
                   {"toolUse":{"toolUseId":"tooluse_b2","name":"record_unknown_question","input":{"question":"¿Doctorado?"}}}]},
                 {"role":"user","content":[
                   {"toolResult":{"toolUseId":"tooluse_a1","content":[{"json":{"saved":true,"id":"lead-7"}}]}},
                   {"toolResult":{"toolUseId":"tooluse_b2","content":[{"text":"Error: Function failed."}],"status":"error"}},
                   {"text":"Gracias."}]}]
                """),
            ["inferenceConfig"] = new JsonObject { ["maxTokens"] = 2000, ["temperature"] = 0.7, ["topP"] = 0.9 },
        };
        if (mode == "none")
        {
            // Converse refuses tool blocks without a toolConfig, so a request offering no tools carries the history as text.
            input["messages"] = JsonNode.Parse("""
                [{"role":"user","content":[{"text":"Soy Grace (grace@example.com). ¿De qué trató el doctorado de Ada?"}]},
                 {"role":"assistant","content":[
                   {"text":"Lo anoto — un momento."},
                   {"text":"[called the tool record_user_details with {\"email\":\"grace@example.com\",\"name\":\"Grace\",\"visits\":1}]"},
                   {"text":"[called the tool record_unknown_question with {\"question\":\"¿Doctorado?\"}]"}]},
                 {"role":"user","content":[
                   {"text":"[tool result: {\"saved\":true,\"id\":\"lead-7\"}]"},
                   {"text":"[tool result: Error: Function failed.]"},
                   {"text":"Gracias."}]}]
                """);
            return input;
        }

        var tools = new JsonArray(
            Spec("record_user_details", "Records a visitor who wants to get in touch.", RecordUserDetails),
            Spec("record_unknown_question", "Records a question the twin could not answer.", RecordUnknownQuestion));
        input["toolConfig"] = new JsonObject
        {
            ["tools"] = tools,
            ["toolChoice"] = JsonNode.Parse(mode switch
            {
                "auto" => """{"auto":{}}""",
                "any" => """{"any":{}}""",
                _ => """{"tool":{"name":"record_unknown_question"}}""",
            }),
        };
        return input;
    }

    private static JsonObject Spec(string name, string description, AIFunction function) => new()
    {
        ["toolSpec"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["inputSchema"] = new JsonObject { ["json"] = JsonNode.Parse(function.JsonSchema.GetRawText()) },
        },
    };

    /// <summary>The toolUse the SDK read: from the answer's content blocks, or from contentBlockStart and the input deltas.</summary>
    private static (string? Id, string? Name, string Input) SdkToolUse(JsonElement root, bool stream)
    {
        if (!stream)
        {
            var toolUse = root.GetProperty("response").GetProperty("output").GetProperty("message").GetProperty("content")
                .EnumerateArray().Single(b => b.TryGetProperty("toolUse", out _)).GetProperty("toolUse");
            return (toolUse.GetProperty("toolUseId").GetString(), toolUse.GetProperty("name").GetString(), toolUse.GetProperty("input").GetRawText());
        }

        var events = root.GetProperty("events").EnumerateArray().ToList();
        var start = events.Single(e => e.TryGetProperty("contentBlockStart", out _)).GetProperty("contentBlockStart").GetProperty("start").GetProperty("toolUse");
        var input = string.Concat(events
            .Where(e => e.TryGetProperty("contentBlockDelta", out var d) && d.GetProperty("delta").TryGetProperty("toolUse", out _))
            .Select(e => e.GetProperty("contentBlockDelta").GetProperty("delta").GetProperty("toolUse").GetProperty("input").GetString()));
        return (start.GetProperty("toolUseId").GetString(), start.GetProperty("name").GetString(), input);
    }
}
