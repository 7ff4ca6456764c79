using System.Text;
using DigitalTwin.Conversations;
using DigitalTwin.Core.Tests.Support;
using DigitalTwin.Memory;

namespace DigitalTwin.Core.Tests.Memory;

public sealed class FileConversationStoreTests : ConversationStoreContract
{
    private readonly TempDirectory _dir = new();

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(NewStore());

    // A second instance has its own in-process locks, so only the OS file lock keeps the two apart, as between processes.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(NewStore());

    public override Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private FileConversationStore NewStore() => new(new FileStoreOptions { Directory = _dir.Path }, TimeProvider.System);

    private string SessionFile(ConversationKey key) => Path.Combine(_dir.Path, key.TwinStorageName, key.SessionId.StorageName + ".jsonl");

    [Fact]
    public async Task TornLastLine_IsSkippedAndTheNextAppendSealsItOff()
    {
        var key = NewKey();
        await Store.AppendAsync(key, Turn("one", "first"));
        await File.AppendAllTextAsync(SessionFile(key), "{\"turn_id\":\"torn\",\"user\":{\"content\":\"half wri", Encoding.UTF8);

        Assert.Equal(["one"], (await Store.ReadAllAsync(key)).Select(t => t.User.Content));

        await Store.AppendAsync(key, Turn("two", "second"));
        Assert.Equal(["one", "two"], (await Store.ReadAllAsync(key)).Select(t => t.User.Content));
        Assert.Equal(["two"], (await Store.ReadLatestAsync(key, 1)).Select(t => t.User.Content));
    }

    [Fact]
    public async Task CorruptLineInTheMiddle_DoesNotHideOtherTurns()
    {
        var key = NewKey();
        await Store.AppendAsync(key, Turn("one", "first"));
        await File.AppendAllTextAsync(SessionFile(key), "not json at all\n", Encoding.UTF8);
        await Store.AppendAsync(key, Turn("two", "second"));

        Assert.Equal(["one", "two"], (await Store.ReadAllAsync(key)).Select(t => t.User.Content));
    }

    [Fact]
    public async Task SessionFileName_IsDerivedFromTheIdNotTheRawId()
    {
        var key = new ConversationKey("Alice Smith", SessionId.Parse("abcdefgh-1234"));
        await Store.AppendAsync(key, Turn("hi", "hello"));

        var file = Assert.Single(Directory.EnumerateFiles(_dir.Path, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain("abcdefgh", file, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_dir.Path, "_41lice_20_53mith"), Path.GetDirectoryName(file));
    }

    [Fact]
    public async Task WindowRead_SpanningManyBlocks_ReturnsExactTail()
    {
        var key = NewKey();
        for (var i = 0; i < 300; i++)
        {
            await Store.AppendAsync(key, Turn($"u{i} " + new string('p', 900), $"a{i}", i));
        }

        var window = await Store.ReadLatestAsync(key, 120);

        Assert.Equal(Enumerable.Range(180, 120).Select(i => $"a{i}"), window.Select(t => t.Assistant.Content));
    }

    [Fact]
    public async Task UnwritableFolder_ThrowsTypedStoreError()
    {
        var blocker = Path.Combine(_dir.Path, "file-not-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var store = new FileConversationStore(new FileStoreOptions { Directory = blocker }, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(NewKey(), Turn("a", "b")));
        Assert.Equal(ConversationStoreFailure.Unavailable, ex.Failure);
    }
}
