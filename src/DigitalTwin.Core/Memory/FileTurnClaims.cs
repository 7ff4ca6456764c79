using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// The file store's turn claims: <c>{Directory}/{twin}/{session hash}.claims/{SHA-256 of the turn id}</c>, a small JSON file
/// (<see cref="TurnClaimRecord"/>) beside the session's <c>.jsonl</c>. Every look at a session's claims happens while holding
/// an exclusive OS lock on that folder's <c>lock</c> file (never deleted), so processes sharing the folder decide one at a
/// time: a missing, empty, unreadable or expired claim file is (over)written with the new owner and expiry; a live one
/// refuses. Release deletes the file only while it still names the releasing owner.
/// </summary>
internal sealed class FileTurnClaims(string root, FileStoreOptions options, TimeProvider time) : IOwnedTurnClaims
{
    private const string LockFileName = "lock";

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        TryClaimAsync(key, turnId, TurnClaimRecord.NewOwner(), lease, cancellationToken);

    public async ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        TurnClaimRecord.Validate(turnId, lease);
        var folder = FolderOf(key);
        var path = Path.Combine(folder, TurnClaimRecord.NameOf(turnId));
        try
        {
            using var gate = await LockAsync(folder, create: true, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var existing = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
            if (existing is not null && TurnClaimRecord.TryParse(existing) is { } held && held.IsLiveAt(now))
            {
                return string.Equals(held.Owner, owner, StringComparison.Ordinal) ? held.ToClaim(key, turnId, tookOver: false) : null;
            }

            var mine = new TurnClaimRecord(owner, now + lease);
            await File.WriteAllBytesAsync(path, mine.ToJson(), CancellationToken.None).ConfigureAwait(false);
            return mine.ToClaim(key, turnId, tookOver: existing is { Length: > 0 });
        }
        catch (IOException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not claim a turn in {folder}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"No permission to claim a turn in {folder}.", ex);
        }
    }

    public async ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var folder = FolderOf(claim.Key);
        var path = Path.Combine(folder, TurnClaimRecord.NameOf(claim.TurnId));
        try
        {
            using var gate = await LockAsync(folder, create: false, cancellationToken).ConfigureAwait(false);
            if (gate is not null && File.Exists(path)
                && TurnClaimRecord.TryParse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)) is { } held
                && string.Equals(held.Owner, claim.Owner, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
        }
        catch (IOException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"Could not release a turn claim in {folder}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable, $"No permission to release a turn claim in {folder}.", ex);
        }
    }

    private string FolderOf(ConversationKey key) => Path.Combine(root, key.TwinStorageName, key.SessionId.StorageName + ".claims");

    /// <summary>Holds the session's claim lock; creates the folder when <paramref name="create"/>, else returns null when it is missing.</summary>
    private async Task<FileStream?> LockAsync(string folder, bool create, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, LockFileName);
        if (create)
        {
            return await FileLocks.OpenForAppendAsync(path, options.LockTimeout, time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await FileLocks.OpenAsync(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, options.LockTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            return null; // no claims folder: nothing to release
        }
    }
}
