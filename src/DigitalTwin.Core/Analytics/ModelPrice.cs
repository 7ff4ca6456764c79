namespace DigitalTwin.Analytics;

/// <summary>
/// What one model costs, for the estimated cost in conversation analytics. A reported model matches the entry whose
/// <see cref="Model"/> equals it (ignoring case), else the longest entry it starts with, so <c>gpt-4o-mini</c> also prices
/// <c>gpt-4o-mini-2024-07-18</c>.
/// </summary>
public sealed class ModelPrice
{
    /// <summary>The model id, or the start of the ids it prices. Required.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The price of one million input (prompt) tokens, in <see cref="AnalyticsOptions.Currency"/>.</summary>
    public decimal InputPerMillionTokens { get; set; }

    /// <summary>The price of one million output (completion) tokens, in <see cref="AnalyticsOptions.Currency"/>.</summary>
    public decimal OutputPerMillionTokens { get; set; }
}
