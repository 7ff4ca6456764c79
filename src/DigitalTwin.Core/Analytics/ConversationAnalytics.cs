using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Analytics;

/// <summary>
/// Summarises a twin's turns from its store's <see cref="ITurnIndex"/>, pricing them with the twin's <see cref="AnalyticsOptions"/>,
/// and counts the leads and unanswered questions its store kept (<see cref="IOwnerRecords"/>) in the period.
/// </summary>
internal sealed class ConversationAnalytics(OwnerRecordsReader owner, IOptionsMonitor<DigitalTwinOptions> options)
    : IConversationAnalytics
{
    public async Task<ConversationAnalyticsReport> SummarizeAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var name = owner.Resolve(twin, since, until);
        var store = owner.StoreOf(name);
        var index = store.GetService<ITurnIndex>() ?? throw new NotSupportedException(
            $"The conversation store of twin '{name}' ({store.GetType().Name}) cannot list turns by time, so it has no analytics: " +
            $"implement {nameof(ITurnIndex)} on it, or use the file, S3 or DynamoDB store.");
        var aggregator = new TurnAggregator(options.Get(name).Analytics);
        await foreach (var record in index.ReadTurnsAsync(name, since, until, cancellationToken).ConfigureAwait(false))
        {
            aggregator.Add(record);
        }

        // Leads and unanswered questions, when the store keeps them (every built-in store does).
        var records = await owner.TryReadAsync(name, since, until, cancellationToken).ConfigureAwait(false) ?? [];
        return aggregator.ToReport(name, since, until) with
        {
            Leads = records.Count(r => r.Kind == OwnerRecordKind.Lead),
            UnansweredQuestions = records.Count(r => r.Kind == OwnerRecordKind.UnansweredQuestion),
            Questions = [.. records.Where(r => r.Kind == OwnerRecordKind.UnansweredQuestion && r.Question is not null).Select(r => r.Question!)],
        };
    }
}
