using System.Text.Json;
using DigitalTwin.Providers.Bedrock;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Converse answers with toolUse blocks, whole and streamed (frames from @smithy/eventstream-codec), as function calls.</summary>
public sealed class BedrockToolResponseTests
{
    [Fact]
    public void Converse_ToolUseBlocks_BecomeFunctionCalls_AfterTheText()
    {
        using var doc = JsonDocument.Parse("""
            {"output":{"message":{"role":"assistant","content":[
               {"text":"I'll note that."},
               {"toolUse":{"toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","name":"record_user_details","input":{"email":"grace@example.com","name":"Grace","notes":null}}},
               {"toolUse":{"toolUseId":"tooluse_2","name":"record_unknown_question","input":{}}}]}},
             "stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3}}
            """);

        var response = BedrockResponseMapper.ToChatResponse(doc.RootElement, "m");

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("I'll note that.", response.Text);
        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        Assert.IsType<TextContent>(response.Messages.Single().Contents[0]);
        Assert.Equal(["tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "tooluse_2"], calls.Select(c => c.CallId));
        Assert.Equal(["record_user_details", "record_unknown_question"], calls.Select(c => c.Name));
        var args = calls[0].Arguments!;
        Assert.Equal("grace@example.com", ((JsonElement)args["email"]!).GetString());
        Assert.Equal(JsonValueKind.Null, ((JsonElement)args["notes"]!).ValueKind);
        Assert.Empty(calls[1].Arguments!);
        Assert.All(calls, c => Assert.Null(c.Exception));
    }

    [Fact]
    public void Converse_OnlyToolUse_HasNoTextContent()
    {
        using var doc = JsonDocument.Parse("""
            {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"f","input":{"a":1}}}]}},"stopReason":"tool_use"}
            """);

        var contents = BedrockResponseMapper.ToChatResponse(doc.RootElement, "m").Messages.Single().Contents;

        Assert.Equal(1, ((JsonElement)Assert.IsType<FunctionCallContent>(Assert.Single(contents)).Arguments!["a"]!).GetInt32());
    }

    [Fact]
    public void Converse_ToolInputThatIsNotAnObject_IsACallWithAnError_ForTheModelToRecoverFrom()
    {
        using var doc = JsonDocument.Parse("""
            {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"f","input":"grace@example.com"}}]}},"stopReason":"tool_use"}
            """);

        var call = Assert.IsType<FunctionCallContent>(BedrockResponseMapper.ToChatResponse(doc.RootElement, "m").Messages.Single().Contents.Single());

        Assert.Equal(("t1", "f"), (call.CallId, call.Name));
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public void Converse_ToolUseWithoutId_IsRejected()
    {
        using var doc = JsonDocument.Parse("""
            {"output":{"message":{"role":"assistant","content":[{"toolUse":{"name":"f","input":{}}}]}},"stopReason":"tool_use"}
            """);

        Assert.Throws<JsonException>(() => BedrockResponseMapper.ToChatResponse(doc.RootElement, "m"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(new[] { 1, 3, 7 })]
    public async Task Stream_ToolUseBlock_IsOneFunctionCall_AtItsStop_AfterTheText(int[]? pieces)
    {
        var frames = await Frames.EncodeAsync(Frames.ToolUse("Un momento — ", "tooluse_Zx9", "record_user_details", """{"email":"gr""", """ace@example.com","name":"Grace ✓"}"""));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames, pieces));
        using var client = BedrockTestClient.Create(server);

        var updates = await client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync();

        Assert.Equal("Un momento — ", string.Concat(updates.Select(u => u.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("tooluse_Zx9", "record_user_details"), (call.CallId, call.Name));
        Assert.Equal("grace@example.com", ((JsonElement)call.Arguments!["email"]!).GetString());
        Assert.Equal("Grace ✓", ((JsonElement)call.Arguments["name"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates.Select(u => u.FinishReason).Single(f => f is not null));
        var callIndex = updates.FindIndex(u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.True(callIndex > updates.FindIndex(u => u.Text.Length > 0));
        Assert.True(callIndex < updates.FindIndex(u => u.FinishReason is not null));

        var response = updates.ToChatResponse();
        Assert.Equal("Un momento — ", response.Text);
        Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Stream_ToolUseWithoutInputDeltas_HasNoArguments()
    {
        var frames = await Frames.EncodeAsync(Frames.ToolUse(null, "t1", "list_nothing"));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames));
        using var client = BedrockTestClient.Create(server);

        var updates = await client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync();

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Empty(call.Arguments!);
        Assert.Null(call.Exception);
    }

    [Fact]
    public async Task Stream_TruncatedToolInput_IsACallWithAnError()
    {
        var frames = await Frames.EncodeAsync(Frames.ToolUse(null, "t1", "record_unknown_question", """{"question":"wh"""));
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.EventStream(frames));
        using var client = BedrockTestClient.Create(server);

        var updates = await client.GetStreamingResponseAsync(BedrockTestClient.Conversation()).ToListAsync();

        Assert.NotNull(Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>()).Exception);
    }
}
