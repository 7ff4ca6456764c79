using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTwin.Owner;

/// <summary>Reads a registered twin's owner records from its store, oldest first.</summary>
internal sealed class OwnerRecordsReader(IServiceProvider services, IDigitalTwinCatalog catalog) : IOwnerRecordsReader
{
    public async Task<IReadOnlyList<OwnerRecord>> ReadAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var name = Resolve(twin, since, until);
        return await TryReadAsync(name, since, until, cancellationToken).ConfigureAwait(false) ?? throw new NotSupportedException(
            $"The conversation store of twin '{name}' ({StoreOf(name).GetType().Name}) keeps no owner records: implement {nameof(IOwnerRecords)} on it, " +
            "or use the in-memory, file, S3 or DynamoDB store.");
    }

    /// <summary>The registered name of <paramref name="twin"/> (as registered), after checking the period.</summary>
    public string Resolve(string twin, DateTimeOffset since, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(twin);
        var name = catalog.Names.FirstOrDefault(n => string.Equals(n, twin, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No twin named '{twin}' is registered; registered twins: {string.Join(", ", catalog.Names)}.", nameof(twin));
        if (until <= since)
        {
            throw new ArgumentException($"The period is empty: {until:O} is not after {since:O}.", nameof(until));
        }

        return name;
    }

    /// <summary>The records of registered twin <paramref name="name"/>, oldest first; <see langword="null"/> when its store keeps none.</summary>
    public async Task<IReadOnlyList<OwnerRecord>?> TryReadAsync(string name, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (StoreOf(name).GetService<IOwnerRecords>() is not { } records)
        {
            return null;
        }

        var list = await records.ReadAsync(name, since, until, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>The store of registered twin <paramref name="name"/>: its own, or the shared default.</summary>
    public IConversationStore StoreOf(string name) =>
        services.GetKeyedService<IConversationStore>(name) ?? services.GetRequiredService<IConversationStore>();
}
