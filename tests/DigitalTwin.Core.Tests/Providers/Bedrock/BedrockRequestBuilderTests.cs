using System.Text.Json.Nodes;
using DigitalTwin.Providers;
using DigitalTwin.Providers.Bedrock;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

public sealed class BedrockRequestBuilderTests
{
    private static JsonObject Build(IEnumerable<ChatMessage> messages, ChatOptions? chat = null, Action<BedrockOptions>? configure = null)
    {
        var options = new BedrockOptions();
        configure?.Invoke(options);
        return BedrockRequestBuilder.Build(messages, chat, options);
    }

    [Fact]
    public void Persona_GoesToSystemBlocks_NotToAFakeUserMessage()
    {
        var body = Build(BedrockTestClient.Conversation());

        Assert.Equal(BedrockTestClient.Persona, body["system"]![0]!["text"]!.GetValue<string>());
        Assert.Single(body["system"]!.AsArray());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.DoesNotContain(messages, m => m!.ToJsonString().Contains("Ada, a senior", StringComparison.Ordinal));
    }

    [Fact]
    public void Alternation_IsRepaired_LeadingAssistantDropped_SameRoleMerged_BlankTextDropped()
    {
        var body = Build(
        [
            new(ChatRole.Assistant, "Welcome!"),
            new(ChatRole.System, "persona"),
            new(ChatRole.User, "one"),
            new(ChatRole.User, "   "),
            new(ChatRole.User, "two"),
            new(ChatRole.Assistant, ""),
            new(ChatRole.Assistant, "answer"),
            new(ChatRole.Assistant, "more"),
            new(ChatRole.User, "three"),
        ]);

        var expected = JsonNode.Parse("""
            [{"role":"user","content":[{"text":"one"},{"text":"two"}]},
             {"role":"assistant","content":[{"text":"answer"},{"text":"more"}]},
             {"role":"user","content":[{"text":"three"}]}]
            """);
        Assert.True(JsonNode.DeepEquals(expected, body["messages"]), body["messages"]!.ToJsonString());
    }

    [Fact]
    public void NoUserText_IsAnInvalidRequest()
    {
        var ex = Assert.Throws<ChatProviderException>(() => Build([new(ChatRole.System, "persona"), new(ChatRole.User, " ")]));
        Assert.Equal(ChatProviderFailure.InvalidRequest, ex.Failure);
    }

    [Fact]
    public void InferenceConfig_DefaultsToTheCourseValues()
    {
        var config = Build(BedrockTestClient.Conversation())["inferenceConfig"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"maxTokens":2000,"temperature":0.7,"topP":0.9}"""), config), config.ToJsonString());
    }

    [Fact]
    public void InferenceConfig_ComesFromOptions_AndChatOptionsOverrideIt()
    {
        var fromOptions = Build(BedrockTestClient.Conversation(), configure: o => (o.MaxTokens, o.Temperature, o.TopP) = (500, 0.2f, 0.5f));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"maxTokens":500,"temperature":0.2,"topP":0.5}"""), fromOptions["inferenceConfig"]));

        var chat = new ChatOptions { MaxOutputTokens = 64, Temperature = 0, TopP = 1, StopSequences = ["\n\nHuman:"] };
        var overridden = Build(BedrockTestClient.Conversation(), chat, o => o.MaxTokens = 500)["inferenceConfig"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"maxTokens":64,"temperature":0,"topP":1,"stopSequences":["\n\nHuman:"]}"""), overridden), overridden!.ToJsonString());
    }

    [Fact]
    public void PromptCaching_AddsACachePointAfterThePersona()
    {
        var plain = Build(BedrockTestClient.Conversation());
        Assert.DoesNotContain("cachePoint", plain.ToJsonString(), StringComparison.Ordinal);

        var cached = Build(BedrockTestClient.Conversation(), configure: o => o.EnablePromptCaching = true)["system"];
        var expected = JsonNode.Parse($$$"""[{"text":"{{{BedrockTestClient.Persona}}}"},{"cachePoint":{"type":"default"}}]""");
        Assert.True(JsonNode.DeepEquals(expected, cached), cached!.ToJsonString());
    }

    [Fact]
    public void Guardrail_IsSentWhenConfigured()
    {
        Assert.Null(Build(BedrockTestClient.Conversation())["guardrailConfig"]);

        var body = Build(BedrockTestClient.Conversation(), configure: o => (o.GuardrailIdentifier, o.GuardrailVersion, o.GuardrailTrace) = ("gr-abc123", "2", "enabled"));
        var expected = JsonNode.Parse("""{"guardrailIdentifier":"gr-abc123","guardrailVersion":"2","trace":"enabled"}""");
        Assert.True(JsonNode.DeepEquals(expected, body["guardrailConfig"]), body["guardrailConfig"]!.ToJsonString());
    }

    [Fact]
    public void ChatOptionsInstructions_AreAnotherSystemBlock()
    {
        var system = Build(BedrockTestClient.Conversation(), new ChatOptions { Instructions = "Be brief." })["system"]!.AsArray();

        Assert.Equal([BedrockTestClient.Persona, "Be brief."], system.Select(b => b!["text"]!.GetValue<string>()));
    }
}
