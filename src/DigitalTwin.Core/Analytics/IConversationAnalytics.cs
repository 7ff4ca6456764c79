namespace DigitalTwin.Analytics;

/// <summary>
/// Summarises what a twin's conversations cost and how fast they were, over a period, from the turns its store lists by
/// time (<see cref="ITurnIndex"/>). Registered by <c>AddDigitalTwin</c>; <c>MapDigitalTwinAnalytics()</c> serves it over HTTP.
/// </summary>
public interface IConversationAnalytics
{
    /// <summary>Summarises the turns <paramref name="twin"/> stored at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    /// <param name="twin">A registered twin's name (<see cref="DigitalTwinDefaults.TwinName"/> for the single-twin setup).</param>
    /// <param name="since">The start of the period (inclusive).</param>
    /// <param name="until">The end of the period (exclusive); after <paramref name="since"/>.</param>
    /// <param name="cancellationToken">Cancels the summary.</param>
    /// <exception cref="ArgumentException">No twin has that name, or the period is empty.</exception>
    /// <exception cref="NotSupportedException">The twin's store cannot list turns by time (it does not implement <see cref="ITurnIndex"/>).</exception>
    /// <exception cref="Memory.ConversationStoreException">The store could not be read.</exception>
    Task<ConversationAnalyticsReport> SummarizeAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
