using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTwin.Providers;
using DigitalTwin.Providers.Bedrock;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>The Converse request's tool shapes: toolConfig, toolChoice, toolUse and toolResult blocks.</summary>
public sealed class BedrockToolRequestTests
{
    private static readonly AIFunction RecordQuestion = AIFunctionFactory.Create(
        ([Description("The question the twin could not answer")] string question) => "recorded",
        "record_unknown_question",
        "Records a question the twin could not answer.");

    /// <summary>The request body; tool history needs the request to offer tools, so by default it offers <see cref="RecordQuestion"/>.</summary>
    private static JsonObject Build(IEnumerable<ChatMessage> messages, ChatOptions? chat = null) =>
        BedrockRequestBuilder.Build(messages, chat ?? new ChatOptions { Tools = [RecordQuestion] }, new BedrockOptions());

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public void Tools_BecomeToolSpecs_WithNameDescriptionAndTheFunctionsSchema()
    {
        var body = Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [RecordQuestion] });

        var spec = body["toolConfig"]!["tools"]![0]!["toolSpec"]!;
        Assert.Equal("record_unknown_question", spec["name"]!.GetValue<string>());
        Assert.Equal("Records a question the twin could not answer.", spec["description"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RecordQuestion.JsonSchema.GetRawText()), spec["inputSchema"]!["json"]));
        Assert.Equal("string", spec["inputSchema"]!["json"]!["properties"]!["question"]!["type"]!.GetValue<string>());
        Assert.Null(body["toolConfig"]!["toolChoice"]);
    }

    [Fact]
    public void Declarations_WithoutAnImplementation_AreToolsToo_AndHostedToolsAreLeftOut()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}""");
        var declaration = AIFunctionFactory.CreateDeclaration("record_user_details", null, schema.RootElement.Clone());

        var body = Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [new HostedWebSearchTool(), declaration] });

        AssertJson(
            """{"tools":[{"toolSpec":{"name":"record_user_details","inputSchema":{"json":{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}}}}]}""",
            body["toolConfig"]);
    }

    [Fact]
    public void OnlyHostedTools_OrNoTools_SendNoToolConfig()
    {
        Assert.Null(Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [new HostedWebSearchTool()] })["toolConfig"]);
        Assert.Null(Build(BedrockTestClient.Conversation(), new ChatOptions())["toolConfig"]);
    }

    [Theory]
    [InlineData("auto", """{"auto":{}}""")]
    [InlineData("any", """{"any":{}}""")]
    [InlineData("specific", """{"tool":{"name":"record_unknown_question"}}""")]
    public void ToolMode_BecomesToolChoice(string mode, string expected)
    {
        ChatToolMode toolMode = mode switch
        {
            "auto" => ChatToolMode.Auto,
            "any" => ChatToolMode.RequireAny,
            _ => ChatToolMode.RequireSpecific("record_unknown_question"),
        };

        var body = Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [RecordQuestion], ToolMode = toolMode });

        AssertJson(expected, body["toolConfig"]!["toolChoice"]);
    }

    [Fact]
    public void ToolModeNone_SendsNoToolConfig()
    {
        var body = Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [RecordQuestion], ToolMode = ChatToolMode.None });

        Assert.Null(body["toolConfig"]);
    }

    [Theory]
    [InlineData("record question")]
    [InlineData("registrar_pregunta_ñ")]
    [InlineData("a_name_that_is_far_too_long_for_amazon_bedrock_tool_names_abcdefg")]
    public void InvalidToolName_IsAnInvalidRequest(string name)
    {
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var declaration = AIFunctionFactory.CreateDeclaration(name, null, schema.RootElement.Clone());

        var ex = Assert.Throws<ChatProviderException>(() => Build(BedrockTestClient.Conversation(), new ChatOptions { Tools = [declaration] }));

        Assert.Equal(ChatProviderFailure.InvalidRequest, ex.Failure);
    }

    [Fact]
    public void FunctionCalls_AndResults_BecomeToolUseAndToolResult_InAlternatingTurns()
    {
        var body = Build(
        [
            new(ChatRole.System, "persona"),
            new(ChatRole.User, "I never got an answer about your PhD."),
            new(ChatRole.Assistant, [new TextContent("Let me note that."), new FunctionCallContent("tooluse_1", "record_unknown_question", new Dictionary<string, object?> { ["question"] = "PhD?", ["urgent"] = true })]),
            new(ChatRole.Tool, [new FunctionResultContent("tooluse_1", JsonSerializer.SerializeToElement(new JsonObject { ["recorded"] = true, ["id"] = 7 }))]),
            new(ChatRole.Assistant, "Noted, Ada will follow up."),
            new(ChatRole.User, "Thanks"),
        ]);

        AssertJson(
            """
            [{"role":"user","content":[{"text":"I never got an answer about your PhD."}]},
             {"role":"assistant","content":[{"text":"Let me note that."},{"toolUse":{"toolUseId":"tooluse_1","name":"record_unknown_question","input":{"question":"PhD?","urgent":true}}}]},
             {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"json":{"recorded":true,"id":7}}]}}]},
             {"role":"assistant","content":[{"text":"Noted, Ada will follow up."}]},
             {"role":"user","content":[{"text":"Thanks"}]}]
            """,
            body["messages"]);
    }

    [Fact]
    public void ToolHistory_InARequestWithoutTools_GoesAsText_SinceConverseRefusesToolBlocksWithoutToolConfig()
    {
        var body = Build(
        [
            new(ChatRole.User, "Email me at ada@example.com"),
            new(ChatRole.Assistant, [new FunctionCallContent("tooluse_1", "record_user_details", new Dictionary<string, object?> { ["email"] = "ada@example.com" })]),
            new(ChatRole.Tool, [new FunctionResultContent("tooluse_1", "Error: the limit was reached.")]),
        ],
        new ChatOptions { Tools = [RecordQuestion], ToolMode = ChatToolMode.None });

        Assert.Null(body["toolConfig"]);
        AssertJson(
            """
            [{"role":"user","content":[{"text":"Email me at ada@example.com"}]},
             {"role":"assistant","content":[{"text":"[called the tool record_user_details with {\"email\":\"ada@example.com\"}]"}]},
             {"role":"user","content":[{"text":"[tool result: Error: the limit was reached.]"}]}]
            """,
            body["messages"]);
    }

    [Fact]
    public void ConsecutiveToolMessages_MergeIntoOneUserTurn_AndTextResultsGoAsText()
    {
        var body = Build(
        [
            new(ChatRole.User, "Hi, I'm Grace (grace@example.com), and what is Ada's PhD topic?"),
            new(ChatRole.Assistant, [new FunctionCallContent("a", "record_user_details", null), new FunctionCallContent("b", "record_unknown_question", new Dictionary<string, object?>())]),
            new(ChatRole.Tool, [new FunctionResultContent("a", "saved")]),
            new(ChatRole.Tool, [new FunctionResultContent("b", JsonSerializer.SerializeToElement(42))]),
        ]);

        AssertJson(
            """
            [{"role":"user","content":[{"text":"Hi, I'm Grace (grace@example.com), and what is Ada's PhD topic?"}]},
             {"role":"assistant","content":[{"toolUse":{"toolUseId":"a","name":"record_user_details","input":{}}},{"toolUse":{"toolUseId":"b","name":"record_unknown_question","input":{}}}]},
             {"role":"user","content":[{"toolResult":{"toolUseId":"a","content":[{"text":"saved"}]}},{"toolResult":{"toolUseId":"b","content":[{"text":"42"}]}}]}]
            """,
            body["messages"]);
    }

    [Fact]
    public void FailedFunction_IsAnErrorResult_WithoutTheExceptionText()
    {
        var failed = new FunctionResultContent("c1", null) { Exception = new InvalidOperationException("connection string Password=hunter2") };

        var body = Build(
        [
            new(ChatRole.User, "Note my email"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "record_user_details", new Dictionary<string, object?> { ["email"] = "x" })]),
            new(ChatRole.Tool, [failed]),
        ]);

        AssertJson(
            $$$"""{"toolResult":{"toolUseId":"c1","content":[{"text":"{{{BedrockToolRequest.FailedResultText}}}"}],"status":"error"}}""",
            body["messages"]![2]!["content"]![0]);
        Assert.DoesNotContain("hunter2", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToolResultFollowedByUserText_ShareOneUserTurn()
    {
        var body = Build(
        [
            new(ChatRole.User, "q"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "record_unknown_question", new Dictionary<string, object?> { ["question"] = "q" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "ok")]),
            new(ChatRole.User, "and another thing"),
        ]);

        var last = body["messages"]!.AsArray()[^1]!;
        Assert.Equal(3, body["messages"]!.AsArray().Count);
        AssertJson("""[{"toolResult":{"toolUseId":"c1","content":[{"text":"ok"}]}},{"text":"and another thing"}]""", last["content"]);
    }
}
