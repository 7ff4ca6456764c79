using System.Collections.Concurrent;
using DigitalTwin.Owner;

namespace DigitalTwin.Memory;

/// <summary>The in-memory store's owner records: a dictionary by record id.</summary>
internal sealed class InMemoryOwnerRecords : IOwnerRecords
{
    private readonly ConcurrentDictionary<string, OwnerRecord> _records = new(StringComparer.Ordinal);

    public ValueTask<bool> TryAddAsync(OwnerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_records.TryAdd(record.Id, record));
    }

    public IAsyncEnumerable<OwnerRecord> ReadAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Of(twin).Where(r => r.CreatedAt >= since && r.CreatedAt < until).ToAsyncEnumerable();

    public IAsyncEnumerable<OwnerRecord> ReadUnnotifiedAsync(string twin, CancellationToken cancellationToken = default) =>
        Of(twin).Where(r => r.NotifiedAt is null).ToAsyncEnumerable();

    public ValueTask MarkNotifiedAsync(OwnerRecord record, DateTimeOffset notifiedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.AddOrUpdate(record.Id, _ => record with { NotifiedAt = notifiedAt }, (_, stored) => stored with { NotifiedAt = stored.NotifiedAt ?? notifiedAt });
        return ValueTask.CompletedTask;
    }

    private OwnerRecord[] Of(string twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var storage = DigitalTwinDefaults.ToStorageName(twin);
        return _records.Values.Where(r => string.Equals(r.Conversation.TwinStorageName, storage, StringComparison.Ordinal)).ToArray();
    }
}
