namespace DigitalTwin.Conversations;

/// <summary>How a turn's answer was produced, kept with the turn for analytics.</summary>
public sealed record TurnMetadata
{
    /// <summary>The model that answered, as the provider reported it.</summary>
    public string? Model { get; init; }

    /// <summary>The provider's name (for example <c>openai</c> or <c>aws.bedrock</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>Input (prompt) tokens, when the provider reported them.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Output (completion) tokens, when the provider reported them.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Time from the model call's start to its last token.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Why the model stopped (<c>stop</c>, <c>length</c>, <c>content_filter</c>…).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The tool calls made while answering, in order (name and outcome, no arguments); <see langword="null"/> when none.</summary>
    public IReadOnlyList<Tools.TurnToolCall>? ToolCalls { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, comparing <see cref="ToolCalls"/> item by item.</summary>
    public bool Equals(TurnMetadata? other) =>
        other is not null
        && Model == other.Model && Provider == other.Provider && InputTokens == other.InputTokens && OutputTokens == other.OutputTokens
        && Latency == other.Latency && FinishReason == other.FinishReason
        && (ReferenceEquals(ToolCalls, other.ToolCalls) || (ToolCalls is not null && other.ToolCalls is not null && ToolCalls.SequenceEqual(other.ToolCalls)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Model, Provider, InputTokens, OutputTokens, Latency, FinishReason, ToolCalls?.Count);
}
