using System.Buffers;
using System.Runtime.CompilerServices;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory;

/// <summary>
/// The file store's index of turns by time: one JSON Lines journal per twin and UTC day,
/// <c>{Directory}/{twin}/_index/{yyyy-MM-dd}.jsonl</c>, a <see cref="TurnRecord"/> per line (no message text). A line is
/// appended after the turn itself is durable, under an in-process monitor plus an exclusive OS lock, and written
/// to the operating system (not fsynced: a power cut can drop the newest lines, a process crash cannot). A journal failure is logged and never
/// fails the turn, which is already stored.
/// </summary>
internal sealed partial class FileTurnJournal(string root, FileStoreOptions options, TimeProvider time, ILogger logger) : ITurnIndex
{
    private const int ReadChunkSize = 256 * 1024;
    private readonly Lock _sync = new();

    /// <summary>
    /// Appends the turn's record. The write is synchronous under a monitor (a few microseconds of page-cache work), so
    /// concurrent turns hand the journal on without a thread-pool hop each (an async gate made every hand-off one).
    /// </summary>
    public void Append(ConversationKey key, ConversationTurn turn)
    {
        if (!options.WriteTurnIndex)
        {
            return;
        }

        var path = PathOf(key.TwinStorageName, TurnIndexDays.Of(turn.Assistant.Timestamp));
        // "\n" + the record + "\n" in one pooled buffer, as the session files do: the leading newline only seals off a torn line.
        using var line = new PooledBufferWriter(512);
        line.Write((byte)'\n');
        StoredJson.Serialize(TurnRecord.Of(key, turn), line);
        line.Write((byte)'\n');
        try
        {
            lock (_sync)
            {
                using var handle = FileLocks.OpenForAppend(path, options.LockTimeout, time);
                var length = RandomAccess.GetLength(handle);
                RandomAccess.Write(handle, length == 0 || FileLocks.EndsWithNewline(handle, length) ? line.WrittenMemory.Span[1..] : line.WrittenMemory.Span, length);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ConversationStoreException)
        {
            LogJournalFailed(logger, ex, path);
        }
    }

    /// <summary>Reads the journals of the days the period touches, in chunks, each under a brief shared lock.</summary>
    public async IAsyncEnumerable<TurnRecord> ReadTurnsAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var storageName = DigitalTwinDefaults.ToStorageName(twin);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunkSize);
        try
        {
            foreach (var day in TurnIndexDays.Between(since, until))
            {
                var path = PathOf(storageName, day);
                for (long offset = 0; ;)
                {
                    var (records, consumed) = await ReadChunkAsync(path, offset, buffer, cancellationToken).ConfigureAwait(false);
                    foreach (var record in records)
                    {
                        if (TurnIndexDays.Contains(since, until, record.Timestamp))
                        {
                            yield return record;
                        }
                    }

                    if (consumed == 0)
                    {
                        break;
                    }

                    offset += consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string PathOf(string twinStorageName, string day) => Path.Combine(root, twinStorageName, "_index", day + ".jsonl");

    /// <summary>The whole lines from <paramref name="offset"/> on (up to a chunk) and how many bytes they take; a torn last line is left.</summary>
    private async Task<(List<TurnRecord> Records, int Consumed)> ReadChunkAsync(string path, long offset, byte[] buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            using var file = await FileLocks.OpenAsync(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, options.LockTimeout, time, cancellationToken).ConfigureAwait(false);
            read = await RandomAccess.ReadAsync(file.SafeFileHandle, buffer.AsMemory(0, ReadChunkSize), offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ([], 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not read the turn journal {path}: {ex.Message}", ex);
        }

        var records = new List<TurnRecord>();
        var consumed = buffer.AsSpan(0, read).LastIndexOf((byte)'\n') + 1;
        if (consumed == 0 && read == ReadChunkSize)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"The turn journal {path} has a line longer than {ReadChunkSize} bytes at offset {offset}; it is not a journal this store wrote.");
        }

        foreach (var range in buffer.AsSpan(0, consumed).Split((byte)'\n'))
        {
            if (buffer.AsSpan(range) is { Length: > 0 } line && StoredJson.TryReadTurnRecord(line) is { } record)
            {
                records.Add(record);
            }
        }

        return (records, consumed);
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "File store: the turn was stored but could not be added to the turn journal {Path}; analytics will not count it")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception, string path);
}
