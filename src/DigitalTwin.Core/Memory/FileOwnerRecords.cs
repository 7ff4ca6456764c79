using System.Runtime.CompilerServices;
using DigitalTwin.Analytics;
using DigitalTwin.Owner;

namespace DigitalTwin.Memory;

/// <summary>
/// The file store's owner records, under <c>{Directory}/{twin}/_records/</c>: the record itself as <c>{id}.json</c>
/// (<see cref="StoredOwnerRecord"/>), an empty marker <c>days/{yyyy-MM-dd}/{id}</c> per UTC day of creation (so a period
/// is listed day by day, never by scanning conversations) and, until the owner is notified, an empty marker
/// <c>outbox/{id}</c> (so the outbox lists only pending records). Every change happens while holding an exclusive OS lock
/// on <c>_records/lock</c>, so processes sharing the folder add a record at most once; files are written to a temporary
/// name and renamed into place, so readers never see half a record.
/// </summary>
internal sealed class FileOwnerRecords(string root, FileStoreOptions options, TimeProvider time) : IOwnerRecords
{
    public async ValueTask<bool> TryAddAsync(OwnerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        var folder = FolderOf(record.Conversation.TwinStorageName);
        return await UnderLockAsync(folder, "add", async () =>
        {
            var path = RecordPath(folder, record.Id);
            var stored = File.Exists(path) ? StoredJson.TryReadOwnerRecord(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)) : null;
            var added = stored is null;
            if (added)
            {
                stored = record;
                WriteAtomically(path, StoredJson.Serialize(record));
            }

            // The markers (again, when an earlier add stopped between the record and them).
            Touch(Path.Combine(folder, "days", TurnIndexDays.Of(stored!.CreatedAt), stored.Id));
            if (stored.NotifiedAt is null)
            {
                Touch(Path.Combine(folder, "outbox", stored.Id));
            }

            return added;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<OwnerRecord> ReadAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(DigitalTwinDefaults.ToStorageName(twin));
        foreach (var day in TurnIndexDays.Between(since, until))
        {
            foreach (var id in Names(Path.Combine(folder, "days", day)))
            {
                if (await ReadRecordAsync(folder, id, cancellationToken).ConfigureAwait(false) is { } record && TurnIndexDays.Contains(since, until, record.CreatedAt))
                {
                    yield return record;
                }
            }
        }
    }

    public async IAsyncEnumerable<OwnerRecord> ReadUnnotifiedAsync(string twin, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(DigitalTwinDefaults.ToStorageName(twin));
        foreach (var id in Names(Path.Combine(folder, "outbox")))
        {
            if (await ReadRecordAsync(folder, id, cancellationToken).ConfigureAwait(false) is { NotifiedAt: null } record)
            {
                yield return record;
            }
        }
    }

    public async ValueTask MarkNotifiedAsync(OwnerRecord record, DateTimeOffset notifiedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        var folder = FolderOf(record.Conversation.TwinStorageName);
        await UnderLockAsync(folder, "mark notified", async () =>
        {
            var path = RecordPath(folder, record.Id);
            var stored = File.Exists(path) ? StoredJson.TryReadOwnerRecord(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)) : null;
            if (stored?.NotifiedAt is null)
            {
                WriteAtomically(path, StoredJson.Serialize((stored ?? record) with { NotifiedAt = notifiedAt }));
                Touch(Path.Combine(folder, "days", TurnIndexDays.Of((stored ?? record).CreatedAt), record.Id));
            }

            File.Delete(Path.Combine(folder, "outbox", record.Id));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private string FolderOf(string twinStorageName) => Path.Combine(root, twinStorageName, "_records");

    private static string RecordPath(string folder, string id) => Path.Combine(folder, id + ".json");

    private static string[] Names(string folder)
    {
        try
        {
            return Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not list owner records in {folder}.", ex);
        }
    }

    private static async Task<OwnerRecord?> ReadRecordAsync(string folder, string id, CancellationToken cancellationToken)
    {
        try
        {
            return StoredJson.TryReadOwnerRecord(await File.ReadAllBytesAsync(RecordPath(folder, id), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not read an owner record in {folder}.", ex);
        }
    }

    private static void Touch(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, []);
        }
    }

    /// <summary>Writes to a temporary file, flushes it to disk and renames it over <paramref name="path"/>.</summary>
    private void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(options.FlushToDisk);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private async Task<T> UnderLockAsync<T>(string folder, string what, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            using var gate = await FileLocks.OpenForAppendAsync(Path.Combine(folder, "lock"), options.LockTimeout, time, cancellationToken).ConfigureAwait(false);
            return await action().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not {what} an owner record in {folder}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"No permission to {what} an owner record in {folder}.", ex);
        }
    }
}
