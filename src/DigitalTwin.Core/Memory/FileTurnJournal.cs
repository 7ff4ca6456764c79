using System.Buffers;
using System.Runtime.CompilerServices;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace DigitalTwin.Memory;

/// <summary>
/// The file store's index of turns by time: one JSON Lines journal per twin and UTC day,
/// <c>{Directory}/{twin}/_index/{yyyy-MM-dd}.jsonl</c>, a <see cref="TurnRecord"/> per line (no message text). A line is
/// appended after the turn itself is durable, under an in-process monitor plus an exclusive OS lock, and written
/// to the operating system (not fsynced: a power cut can drop the newest lines, a process crash cannot). A journal failure is logged and never
/// fails the turn, which is already stored.
/// </summary>
internal sealed partial class FileTurnJournal(string root, FileStoreOptions options, TimeProvider time, ILogger logger)
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
        var record = TurnRecordSerializer.Serialize(TurnRecord.Of(key, turn));
        var line = new byte[record.Length + 2];
        line[0] = (byte)'\n';
        record.CopyTo(line, 1);
        line[^1] = (byte)'\n';
        try
        {
            lock (_sync)
            {
                using var handle = OpenForAppend(path);
                var length = RandomAccess.GetLength(handle);
                Span<byte> last = stackalloc byte[1];
                var endsCleanly = length == 0 || (RandomAccess.Read(handle, last, length - 1) == 1 && last[0] == (byte)'\n');
                RandomAccess.Write(handle, endsCleanly ? line.AsSpan(1) : line, length);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ConversationStoreException)
        {
            LogJournalFailed(logger, ex, path);
        }
    }

    /// <summary>Reads the journals of the days the period touches, in chunks, each under a brief shared lock.</summary>
    public async IAsyncEnumerable<TurnRecord> ReadAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// Opens the journal under an exclusive OS lock (other processes may append too), creating its folder when missing and
    /// waiting up to <see cref="FileStoreOptions.LockTimeout"/> for another process's lock.
    /// </summary>
    private SafeFileHandle OpenForAppend(string path)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException && time.GetElapsedTime(started) <= options.LockTimeout)
            {
                // The folder is missing. (.NET reports FileNotFound when another writer created it meanwhile.)
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (IOException ex) when (FileLocks.IsLockConflict(ex) && time.GetElapsedTime(started) <= options.LockTimeout)
            {
                Thread.Sleep(1);
            }
        }
    }

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
            if (buffer.AsSpan(range) is { Length: > 0 } line && TurnRecordSerializer.TryDeserialize(line) is { } record)
            {
                records.Add(record);
            }
        }

        return (records, consumed);
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "File store: the turn was stored but could not be added to the turn journal {Path}; analytics will not count it")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception, string path);
}
