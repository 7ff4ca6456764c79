using DigitalTwin.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory;

/// <summary>
/// Keeps each conversation in one append-only JSON Lines file: <c>{Directory}/{twin}/{hash of session id}.jsonl</c>, one
/// turn per line. Appends hold an exclusive lock on the file (an in-process semaphore plus an OS file lock, so processes
/// sharing the folder never interleave), write one whole line and flush it to disk before returning. A crash mid-write
/// leaves a torn last line that readers skip and the next append seals off, so earlier turns are never damaged.
/// Reads scan the file backwards from its end, so their cost follows the window, not the conversation's length.
/// Each stored turn is also recorded in a per-day journal (<see cref="FileTurnJournal"/>) that analytics list by time.
/// For the default twin, the original Python twin's <c>{Directory}/{session_id}.json</c> is read (never written) as the
/// conversation's older turns (<see cref="LegacyConversation"/>), so its visitors keep their history.
/// Owner records (leads, unanswered questions) live beside the conversations (<see cref="FileOwnerRecords"/>).
/// </summary>
internal sealed partial class FileConversationStore(FileStoreOptions options, TimeProvider timeProvider, ILogger? logger = null)
    : IConversationStore, IDisposable
{
    private readonly string _root = Path.GetFullPath(options.Directory);
    private readonly FileTurnJournal _journal = new(Path.GetFullPath(options.Directory), options, timeProvider, logger ?? NullLogger.Instance);
    private readonly FileTurnClaims _claims = new(Path.GetFullPath(options.Directory), options, timeProvider);
    private readonly FileOwnerRecords _records = new(Path.GetFullPath(options.Directory), options, timeProvider);
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public static FileConversationStore Create(IServiceProvider services, string optionsName) => new(
        services.GetRequiredService<IOptionsMonitor<FileStoreOptions>>().Get(optionsName),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Memory.File"));

    public async ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);

        // "\n" + the turn + "\n", in one pooled buffer: the leading newline is written only to seal off a torn line.
        using var line = new PooledBufferWriter(1024);
        line.Write((byte)'\n');
        StoredJson.Serialize(turn, line);
        line.Write((byte)'\n');
        var path = PathOf(key);
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var file = await FileLocks.OpenForAppendAsync(path, options.LockTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
            var length = file.Length;
            var bytes = length > 0 && !FileLocks.EndsWithNewline(file.SafeFileHandle, length) ? line.WrittenMemory : line.WrittenMemory[1..];

            // From here on the turn is written whole or, after a crash, left as a torn line that readers skip.
            file.Seek(length, SeekOrigin.Begin);
            await file.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            file.Flush(options.FlushToDisk);
        }
        catch (IOException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not append to {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"No permission to write {path}.", ex);
        }
        finally
        {
            stripe.Release();
        }

        _journal.Append(key, turn);
    }

    public async ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        var turns = maxTurns == 0 ? [] : await ReadFileAsync(PathOf(key), maxTurns, cancellationToken).ConfigureAwait(false);
        if (turns.Count >= maxTurns || !string.Equals(key.Twin, DigitalTwinDefaults.TwinName, StringComparison.OrdinalIgnoreCase))
        {
            return turns;
        }

        var legacy = await ReadLegacyAsync(key.SessionId, cancellationToken).ConfigureAwait(false);
        return legacy.Count == 0 ? turns : [.. legacy.Skip(Math.Max(0, legacy.Count - (maxTurns - turns.Count))), .. turns];
    }

    private async Task<IReadOnlyList<ConversationTurn>> ReadFileAsync(string path, int maxTurns, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var file = await OpenLockedAsync(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, cancellationToken).ConfigureAwait(false);
            return await JsonLinesTail.ReadAsync(file, maxTurns, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (IOException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not read {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"No permission to read {path}.", ex);
        }
    }

    // The original twin's file: one JSON array per session, named by the raw id (SessionId admits only [A-Za-z0-9_-]).
    private async Task<IReadOnlyList<ConversationTurn>> ReadLegacyAsync(SessionId session, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, session.Value + ".json");
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not read the original twin's conversation file {path}.", ex);
        }

        var turns = LegacyConversation.TryParse(bytes);
        if (turns is null)
        {
            LogUnreadableLegacyFile(_logger, path);
        }

        return turns ?? [];
    }

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "File store: {Path} is not a conversation of the original twin (a JSON array of messages); it is skipped")]
    private static partial void LogUnreadableLegacyFile(ILogger logger, string path);

    public void Dispose()
    {
        Array.ForEach(_stripes, s => s.Dispose());
    }

    private string PathOf(ConversationKey key) => Path.Combine(_root, key.TwinStorageName, key.SessionId.StorageName + ".jsonl");

    private Task<FileStream> OpenLockedAsync(string path, FileMode mode, FileAccess access, FileShare share, CancellationToken cancellationToken) =>
        FileLocks.OpenAsync(path, mode, access, share, options.LockTimeout, timeProvider, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => this.GetCapability(serviceType, serviceKey, _claims, _journal, _records);
}
