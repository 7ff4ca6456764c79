using System.Security.Cryptography;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The claim contract for the file store. Each "host" is a separate store instance over one folder: its in-process locks
/// are its own, so only the OS file lock keeps them apart, as between processes.
/// </summary>
public sealed class FileTurnClaimsTests : TurnClaimsContract
{
    protected override Task<IConversationStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IConversationStore>(NewStore(time));

    private FileConversationStore NewStore(TimeProvider time) => new(new FileStoreOptions { Directory = Folder.Path }, time);

    private string ClaimFile(ConversationKey key, string turnId) => Path.Combine(
        Folder.Path, key.TwinStorageName, key.SessionId.StorageName + ".claims", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(turnId))));

    [Fact]
    public async Task Claim_IsAFileBesideTheSession_NamedByTheTurnIdsHash_AndReleaseDeletesIt()
    {
        var store = NewStore(Clock);
        var key = NewKey();

        var claim = await store.TurnClaims().TryClaimAsync(key, "client-key-42", Lease);

        var json = await File.ReadAllTextAsync(ClaimFile(key, "client-key-42"));
        Assert.Contains($"\"owner\":\"{claim!.Owner}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"expires\":{claim.ExpiresAt.ToUnixTimeMilliseconds()}", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Folder.Path, "*", SearchOption.AllDirectories), p => p.Contains("client-key-42", StringComparison.Ordinal));
        await store.TurnClaims().ReleaseAsync(claim);
        Assert.False(File.Exists(ClaimFile(key, "client-key-42")));
    }

    [Fact]
    public async Task ClaimFileTornByACrash_DoesNotBlockTheTurn()
    {
        var store = NewStore(Clock);
        var key = NewKey();
        await store.TurnClaims().TryClaimAsync(key, "t", Lease);
        await File.WriteAllTextAsync(ClaimFile(key, "t"), "{\"owner\":\"dead-host\",\"exp");

        var claim = await store.TurnClaims().TryClaimAsync(key, "t", Lease);

        Assert.NotNull(claim);
        Assert.True(claim.TookOver);
    }

    [Fact]
    public async Task ClaimLockHeldByAnotherProcess_TimesOutWithTypedError()
    {
        var store = new FileConversationStore(new FileStoreOptions { Directory = Folder.Path, LockTimeout = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        var key = NewKey();
        await store.TurnClaims().TryClaimAsync(key, "t", Lease); // creates the claims folder and its lock file
        var lockFile = Path.Combine(Path.GetDirectoryName(ClaimFile(key, "t"))!, "lock");

        await using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.TurnClaims().TryClaimAsync(key, "u", Lease));
            Assert.Equal(ConversationStoreFailure.Timeout, ex.Failure);
        }
    }
}
