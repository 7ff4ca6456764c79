using System.Text.Json;
using DigitalTwin.Providers.Bedrock;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

public sealed class BedrockResponseMapperTests
{
    [Fact]
    public void Converse_TextUsageAndStopReason_AreMapped()
    {
        using var doc = JsonDocument.Parse("""
            {"output":{"message":{"role":"assistant","content":[{"reasoningContent":{"reasoningText":{"text":"hmm"}}},{"text":"Hello "},{"text":"there"}]}},
             "stopReason":"max_tokens",
             "usage":{"inputTokens":22,"outputTokens":57,"totalTokens":79,"cacheReadInputTokens":10,"cacheWriteInputTokens":3},
             "metrics":{"latencyMs":1}}
            """);

        var response = BedrockResponseMapper.ToChatResponse(doc.RootElement, "global.amazon.nova-2-lite-v1:0");

        Assert.Equal("Hello there", response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("global.amazon.nova-2-lite-v1:0", response.ModelId);
        var usage = response.Usage!;
        Assert.Equal((22L, 57L, 79L, 10L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount));
        Assert.Equal(10, usage.AdditionalCounts![BedrockResponseMapper.CacheReadInputTokens]);
        Assert.Equal(3, usage.AdditionalCounts[BedrockResponseMapper.CacheWriteInputTokens]);
    }

    [Fact]
    public void Usage_WithoutCacheFields_HasNoCacheCounts()
    {
        using var doc = JsonDocument.Parse("""{"inputTokens":1,"outputTokens":2,"totalTokens":3}""");
        var usage = BedrockResponseMapper.ToUsage(doc.RootElement);
        Assert.Null(usage.CachedInputTokenCount);
        Assert.Null(usage.AdditionalCounts);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("content_filtered", "content_filter")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("malformed_model_output", "malformed_model_output")]
    public void StopReasons_MapToFinishReasons(string stopReason, string expected) =>
        Assert.Equal(expected, BedrockResponseMapper.ToFinishReason(stopReason)!.Value.Value);

    [Fact]
    public void Converse_WithoutOutput_IsRejected()
    {
        using var doc = JsonDocument.Parse("""{"stopReason":"end_turn"}""");
        Assert.Throws<JsonException>(() => BedrockResponseMapper.ToChatResponse(doc.RootElement, "m"));
    }
}
