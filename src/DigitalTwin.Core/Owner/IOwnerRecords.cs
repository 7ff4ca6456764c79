namespace DigitalTwin.Owner;

/// <summary>
/// A conversation store's records for the twin's owner (leads and unanswered questions), found through
/// <see cref="Memory.IConversationStore.GetService"/>. Records are durable once added, added at most once per
/// <see cref="OwnerRecord.Id"/> (also when hosts sharing the store race), and double as the notification outbox:
/// a record stays unnotified until <see cref="MarkNotifiedAsync"/>.
/// </summary>
public interface IOwnerRecords
{
    /// <summary>Stores <paramref name="record"/> unless a record with its <see cref="OwnerRecord.Id"/> exists.</summary>
    /// <returns><see langword="true"/> when this call stored it; <see langword="false"/> when it was already there.</returns>
    /// <exception cref="Memory.ConversationStoreException">The store could not be reached.</exception>
    ValueTask<bool> TryAddAsync(OwnerRecord record, CancellationToken cancellationToken = default);

    /// <summary>Streams the records of <paramref name="twin"/> created at or after <paramref name="since"/> and before <paramref name="until"/>, in no particular order.</summary>
    /// <exception cref="Memory.ConversationStoreException">The store could not be read.</exception>
    IAsyncEnumerable<OwnerRecord> ReadAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Streams the records of <paramref name="twin"/> whose owner has not been notified yet (the outbox), in no particular order.</summary>
    /// <exception cref="Memory.ConversationStoreException">The store could not be read.</exception>
    IAsyncEnumerable<OwnerRecord> ReadUnnotifiedAsync(string twin, CancellationToken cancellationToken = default);

    /// <summary>Marks <paramref name="record"/> as notified at <paramref name="notifiedAt"/>, so it leaves the outbox. Idempotent.</summary>
    /// <exception cref="Memory.ConversationStoreException">The store could not be reached.</exception>
    ValueTask MarkNotifiedAsync(OwnerRecord record, DateTimeOffset notifiedAt, CancellationToken cancellationToken = default);
}
