namespace DigitalTwin.Analytics;

/// <summary>One model's share of a period in a <see cref="ConversationAnalyticsReport"/>.</summary>
/// <param name="Model">The model id as the provider reported it; <see langword="null"/> for turns stored without one.</param>
/// <param name="Provider">The provider's name (for example <c>openai</c>); <see langword="null"/> when not recorded.</param>
public sealed record ModelUsage(string? Model, string? Provider)
{
    /// <summary>Turns answered by this model.</summary>
    public long Turns { get; init; }

    /// <summary>Input (prompt) tokens reported for those turns.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output (completion) tokens reported for those turns.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The estimated cost of the priced turns; <see langword="null"/> when the price table has no entry for the model.</summary>
    public decimal? EstimatedCost { get; init; }
}
