namespace DigitalTwin.Analytics;

/// <summary>A twin's conversations over a period: volume, tokens, estimated cost, model latency, and what visitors left for the owner.</summary>
/// <param name="Twin">The twin's name.</param>
/// <param name="Since">The start of the period (inclusive).</param>
/// <param name="Until">The end of the period (exclusive).</param>
public sealed record ConversationAnalyticsReport(string Twin, DateTimeOffset Since, DateTimeOffset Until)
{
    /// <summary>Conversations (sessions) with at least one turn in the period.</summary>
    public int Conversations { get; init; }

    /// <summary>Turns stored in the period.</summary>
    public long Turns { get; init; }

    /// <summary>Input (prompt) tokens of those turns, where the provider reported them.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output (completion) tokens of those turns, where the provider reported them.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The estimated cost of the priced turns, from <see cref="AnalyticsOptions.Prices"/>.</summary>
    public decimal EstimatedCost { get; init; }

    /// <summary>The currency of <see cref="EstimatedCost"/> (<see cref="AnalyticsOptions.Currency"/>).</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Turns left out of the cost: their model has no price, or the provider reported no token counts.</summary>
    public long UnpricedTurns { get; init; }

    /// <summary>The median model latency (call start to last token), nearest rank; <see langword="null"/> with no timed turns.</summary>
    public TimeSpan? LatencyP50 { get; init; }

    /// <summary>The 95th percentile model latency, nearest rank; <see langword="null"/> with no timed turns.</summary>
    public TimeSpan? LatencyP95 { get; init; }

    /// <summary>Usage per model, most turns first.</summary>
    public IReadOnlyList<ModelUsage> Models { get; init; } = [];

    /// <summary>Turns per finish reason (<c>stop</c>, <c>length</c>, <c>content_filter</c>…); turns without one are not counted here.</summary>
    public IReadOnlyDictionary<string, long> FinishReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Leads (<see cref="Owner.OwnerRecordKind.Lead"/>) recorded in the period.</summary>
    public int Leads { get; init; }

    /// <summary>Unanswered questions (<see cref="Owner.OwnerRecordKind.UnansweredQuestion"/>) recorded in the period.</summary>
    public int UnansweredQuestions { get; init; }

    /// <summary>The unanswered questions themselves, oldest first: what the persona is missing.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];
}
