namespace DigitalTwin.Analytics;

/// <summary>Folds <see cref="TurnRecord"/>s into a <see cref="ConversationAnalyticsReport"/>: counts, tokens, cost by price table, latency percentiles.</summary>
internal sealed class TurnAggregator(AnalyticsOptions options)
{
    private readonly HashSet<string> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Model, string? Provider), ModelUsage> _models = [];
    private readonly Dictionary<string, long> _finishReasons = new(StringComparer.Ordinal);
    private readonly List<long> _latencyTicks = [];
    private long _turns;
    private long _unpriced;

    public void Add(TurnRecord record)
    {
        _turns++;
        _conversations.Add(record.Conversation);
        var meta = record.Metadata;
        var input = meta?.InputTokens ?? 0;
        var output = meta?.OutputTokens ?? 0;
        var price = Find(meta?.Model);
        decimal? cost = price is not null && meta?.InputTokens is not null && meta.OutputTokens is not null
            ? (input * price.InputPerMillionTokens + output * price.OutputPerMillionTokens) / 1_000_000m
            : null;
        if (cost is null)
        {
            _unpriced++;
        }

        var slot = (meta?.Model, meta?.Provider);
        var usage = _models.GetValueOrDefault(slot) ?? new ModelUsage(slot.Model, slot.Provider);
        _models[slot] = usage with
        {
            Turns = usage.Turns + 1,
            InputTokens = usage.InputTokens + input,
            OutputTokens = usage.OutputTokens + output,
            EstimatedCost = cost is null ? usage.EstimatedCost : (usage.EstimatedCost ?? 0) + cost,
        };
        if (meta?.FinishReason is { Length: > 0 } finish)
        {
            _finishReasons[finish] = _finishReasons.GetValueOrDefault(finish) + 1;
        }

        if (meta?.Latency is { } latency)
        {
            _latencyTicks.Add(latency.Ticks);
        }
    }

    public ConversationAnalyticsReport ToReport(string twin, DateTimeOffset since, DateTimeOffset until)
    {
        _latencyTicks.Sort();
        var models = _models.Values.OrderByDescending(m => m.Turns).ThenBy(m => m.Model, StringComparer.Ordinal).ToArray();
        return new ConversationAnalyticsReport(twin, since, until)
        {
            Conversations = _conversations.Count,
            Turns = _turns,
            InputTokens = models.Sum(m => m.InputTokens),
            OutputTokens = models.Sum(m => m.OutputTokens),
            EstimatedCost = models.Sum(m => m.EstimatedCost ?? 0),
            Currency = options.Currency,
            UnpricedTurns = _unpriced,
            LatencyP50 = Percentile(0.50),
            LatencyP95 = Percentile(0.95),
            Models = models,
            FinishReasons = new Dictionary<string, long>(_finishReasons, StringComparer.Ordinal),
        };
    }

    /// <summary>The nearest-rank percentile: the smallest latency with at least <paramref name="q"/> of the turns at or below it.</summary>
    private TimeSpan? Percentile(double q) => _latencyTicks.Count == 0
        ? null
        : TimeSpan.FromTicks(_latencyTicks[Math.Max(0, (int)Math.Ceiling(q * _latencyTicks.Count) - 1)]);

    /// <summary>The price of <paramref name="model"/>: an exact entry (ignoring case), else the longest entry it starts with.</summary>
    private ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        ModelPrice? best = null;
        foreach (var price in options.Prices)
        {
            var name = price.Model.Trim();
            if (string.Equals(name, model, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }

            if (name.Length > 0 && model.StartsWith(name, StringComparison.OrdinalIgnoreCase) && name.Length > (best?.Model.Trim().Length ?? 0))
            {
                best = price;
            }
        }

        return best;
    }
}
