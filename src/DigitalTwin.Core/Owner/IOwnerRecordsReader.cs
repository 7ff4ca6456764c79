namespace DigitalTwin.Owner;

/// <summary>
/// Lists what visitors left for a twin's owner (leads and unanswered questions) over a period, from the twin's store
/// (<see cref="IOwnerRecords"/>). Registered by <c>AddDigitalTwin</c>; <c>MapDigitalTwinOwnerRecords()</c> serves it over HTTP.
/// </summary>
public interface IOwnerRecordsReader
{
    /// <summary>The records <paramref name="twin"/> stored at or after <paramref name="since"/> and before <paramref name="until"/>, oldest first.</summary>
    /// <param name="twin">A registered twin's name (<see cref="DigitalTwinDefaults.TwinName"/> for the single-twin setup).</param>
    /// <param name="since">The start of the period (inclusive).</param>
    /// <param name="until">The end of the period (exclusive); after <paramref name="since"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">No twin has that name, or the period is empty.</exception>
    /// <exception cref="NotSupportedException">The twin's store keeps no owner records (it does not implement <see cref="IOwnerRecords"/>).</exception>
    /// <exception cref="Memory.ConversationStoreException">The store could not be read.</exception>
    Task<IReadOnlyList<OwnerRecord>> ReadAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
