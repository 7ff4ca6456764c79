using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Analytics;

/// <summary>Summarises a twin's turns from its store's <see cref="ITurnIndex"/>, pricing them with the twin's <see cref="AnalyticsOptions"/>.</summary>
internal sealed class ConversationAnalytics(IServiceProvider services, IDigitalTwinCatalog catalog, IOptionsMonitor<DigitalTwinOptions> options)
    : IConversationAnalytics
{
    public async Task<ConversationAnalyticsReport> SummarizeAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(twin);
        var name = catalog.Names.FirstOrDefault(n => string.Equals(n, twin, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No twin named '{twin}' is registered; registered twins: {string.Join(", ", catalog.Names)}.", nameof(twin));
        if (until <= since)
        {
            throw new ArgumentException($"The period is empty: {until:O} is not after {since:O}.", nameof(until));
        }

        var store = services.GetKeyedService<IConversationStore>(name) ?? services.GetRequiredService<IConversationStore>();
        var index = store.GetService<ITurnIndex>() ?? throw new NotSupportedException(
            $"The conversation store of twin '{name}' ({store.GetType().Name}) cannot list turns by time, so it has no analytics: " +
            $"implement {nameof(ITurnIndex)} on it, or use the file, S3 or DynamoDB store.");
        var aggregator = new TurnAggregator(options.Get(name).Analytics);
        await foreach (var record in index.ReadTurnsAsync(name, since, until, cancellationToken).ConfigureAwait(false))
        {
            aggregator.Add(record);
        }

        return aggregator.ToReport(name, since, until);
    }
}
