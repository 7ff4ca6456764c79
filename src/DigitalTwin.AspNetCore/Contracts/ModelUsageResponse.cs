using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>One model's share of the period in an <see cref="AnalyticsResponse"/>.</summary>
/// <param name="Model">The model id as the provider reported it; <see langword="null"/> when not recorded.</param>
/// <param name="Provider">The provider's name; <see langword="null"/> when not recorded.</param>
/// <param name="Turns">Turns answered by the model.</param>
/// <param name="InputTokens">Their input tokens.</param>
/// <param name="OutputTokens">Their output tokens.</param>
/// <param name="EstimatedCost">Their estimated cost; <see langword="null"/> when the price table has no entry for the model.</param>
public sealed record ModelUsageResponse(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("turns")] long Turns,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("estimated_cost")] decimal? EstimatedCost);
