using System.Text.Json.Serialization;
using DigitalTwin.Analytics;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /analytics</c>: a twin's conversations over a period (see <see cref="ConversationAnalyticsReport"/>).</summary>
/// <param name="Twin">The twin summarised.</param>
/// <param name="From">The start of the period (inclusive).</param>
/// <param name="To">The end of the period (exclusive).</param>
/// <param name="Conversations">Conversations with at least one turn in the period.</param>
/// <param name="Turns">Turns stored in the period.</param>
/// <param name="InputTokens">Their input tokens.</param>
/// <param name="OutputTokens">Their output tokens.</param>
/// <param name="EstimatedCost">The estimated cost of the priced turns.</param>
/// <param name="Currency">The currency of the cost.</param>
/// <param name="UnpricedTurns">Turns left out of the cost (no price for the model, or no token counts).</param>
/// <param name="LatencyP50Ms">The median model latency in milliseconds; <see langword="null"/> with no timed turns.</param>
/// <param name="LatencyP95Ms">The 95th percentile model latency in milliseconds; <see langword="null"/> with no timed turns.</param>
/// <param name="Models">Usage per model, most turns first.</param>
/// <param name="FinishReasons">Turns per finish reason.</param>
/// <remarks>Also counts what visitors left for the owner: <see cref="Leads"/>, <see cref="UnansweredQuestions"/> and the <see cref="Questions"/>.</remarks>
public sealed record AnalyticsResponse(
    [property: JsonPropertyName("twin")] string Twin,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("conversations")] int Conversations,
    [property: JsonPropertyName("turns")] long Turns,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("estimated_cost")] decimal EstimatedCost,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("unpriced_turns")] long UnpricedTurns,
    [property: JsonPropertyName("latency_p50_ms")] double? LatencyP50Ms,
    [property: JsonPropertyName("latency_p95_ms")] double? LatencyP95Ms,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelUsageResponse> Models,
    [property: JsonPropertyName("finish_reasons")] IReadOnlyDictionary<string, long> FinishReasons)
{
    internal static AnalyticsResponse Of(ConversationAnalyticsReport r) => new(
        r.Twin, r.Since, r.Until, r.Conversations, r.Turns, r.InputTokens, r.OutputTokens, r.EstimatedCost, r.Currency, r.UnpricedTurns,
        r.LatencyP50?.TotalMilliseconds, r.LatencyP95?.TotalMilliseconds,
        r.Models.Select(m => new ModelUsageResponse(m.Model, m.Provider, m.Turns, m.InputTokens, m.OutputTokens, m.EstimatedCost)).ToList(),
        r.FinishReasons)
    {
        Leads = r.Leads,
        UnansweredQuestions = r.UnansweredQuestions,
        Questions = r.Questions,
    };

    /// <summary>Leads recorded in the period.</summary>
    [JsonPropertyName("leads")]
    public int Leads { get; init; }

    /// <summary>Unanswered questions recorded in the period.</summary>
    [JsonPropertyName("unanswered_questions")]
    public int UnansweredQuestions { get; init; }

    /// <summary>The unanswered questions themselves, oldest first.</summary>
    [JsonPropertyName("questions")]
    public IReadOnlyList<string> Questions { get; init; } = [];
}
