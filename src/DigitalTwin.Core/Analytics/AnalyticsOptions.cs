using DigitalTwin.Configuration;

namespace DigitalTwin.Analytics;

/// <summary>
/// Settings of a twin's conversation analytics (section <c>DigitalTwin:Analytics</c>, or <c>DigitalTwin:Twins:{name}:Analytics</c>).
/// </summary>
public sealed class AnalyticsOptions
{
    /// <summary>The currency the prices are in, shown with the estimated cost. Default <c>USD</c>.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// The price table. Default empty: DigitalTwin ships no prices, because providers change them; turns of a model without
    /// an entry are counted in <see cref="ConversationAnalyticsReport.UnpricedTurns"/> and listed by model, so you can see
    /// what to add. In configuration: <c>DigitalTwin:Analytics:Prices:0:Model</c>, <c>…:0:InputPerMillionTokens</c>, …
    /// </summary>
    public IList<ModelPrice> Prices { get; } = [];

    /// <summary>Adds the problems of these settings to <paramref name="errors"/>, each with its configuration path.</summary>
    internal void Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(Currency), $"Analytics:Currency is empty: set it to the currency of your prices, for example USD.");

        for (var i = 0; i < Prices.Count; i++)
        {
            var price = Prices[i];
            errors.Check(string.IsNullOrWhiteSpace(price.Model), $"Analytics:Prices:{i}:Model is empty: set it to the model id the prices are for (for example gpt-4o-mini).");
            errors.Check(price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0, $"Analytics:Prices:{i} ({price.Model}) has a negative price: use 0 or more per million tokens.");
        }

        foreach (var duplicate in Prices.Where(m => !string.IsNullOrWhiteSpace(m.Model)).GroupBy(m => m.Model.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Check(true, $"Analytics:Prices lists the model '{duplicate.Key}' {duplicate.Count()} times: keep one entry per model.");
        }
    }
}
