using DigitalTwin.Analytics;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Memory;

public sealed class FileConversationStoreTests : ConversationStoreContract
{
    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(NewStore());

    // A second instance has its own in-process locks, so only the OS file lock keeps the two apart, as between processes.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(NewStore());

    private FileConversationStore NewStore() => new(new FileStoreOptions { Directory = Folder.Path }, TimeProvider.System);

    private string SessionFile(ConversationKey key) => Path.Combine(Folder.Path, key.TwinStorageName, key.SessionId.StorageName + ".jsonl");

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

        var file = Assert.Single(Directory.EnumerateFiles(Folder.Path, "*", SearchOption.AllDirectories), f => !f.Contains("_index", StringComparison.Ordinal));
        Assert.DoesNotContain("abcdefgh", file, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Folder.Path, "_41lice_20_53mith"), Path.GetDirectoryName(file));
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
        var blocker = Path.Combine(Folder.Path, "file-not-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var store = new FileConversationStore(new FileStoreOptions { Directory = blocker }, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(NewKey(), Turn("a", "b")));
        Assert.Equal(ConversationStoreFailure.Unavailable, ex.Failure);
    }

    private string JournalFile(string twin, DateTimeOffset day) =>
        Path.Combine(Folder.Path, DigitalTwinDefaults.ToStorageName(twin), "_index", day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");

    [Fact]
    public async Task TurnJournal_HoldsOneLinePerTurnPerUtcDay_WithoutMessageText()
    {
        var key = NewKey("journal");
        var turn = Turn("secret question", "secret answer", 0);
        await Store.AppendAsync(key, turn);

        var line = Assert.Single(await File.ReadAllLinesAsync(JournalFile("journal", turn.Assistant.Timestamp)));
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.Contains(turn.TurnId, line, StringComparison.Ordinal);
        Assert.Contains(key.SessionId.StorageName, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnJournal_TornOrForeignLines_AreSkippedAndTheNextAppendSealsThemOff()
    {
        var key = NewKey("journal");
        var turn = Turn("q", "a", 0);
        await Store.AppendAsync(key, turn);
        await File.AppendAllTextAsync(JournalFile("journal", turn.Assistant.Timestamp), "not a record\n{\"c\":\"half", Encoding.UTF8);
        var second = Turn("q2", "a2", 1);
        await Store.AppendAsync(key, second);

        var records = await StoreTurns.ReadTurnsAsync(Store, "journal", turn.Assistant.Timestamp.AddHours(-1), turn.Assistant.Timestamp.AddHours(1));

        Assert.Equal(new[] { turn.TurnId, second.TurnId }.Order(StringComparer.Ordinal), records.Select(r => r.TurnId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TurnJournal_ThatCannotBeWritten_IsLoggedAndTheTurnIsStillStored()
    {
        var key = NewKey("blocked");
        var turn = Turn("q", "a", 0);
        var indexFolder = Path.Combine(Folder.Path, key.TwinStorageName, "_index");
        Directory.CreateDirectory(Path.GetDirectoryName(indexFolder)!);
        await File.WriteAllTextAsync(indexFolder, "a file where the journal folder should be");
        var logs = new ListLogger();
        var store = new FileConversationStore(new FileStoreOptions { Directory = Folder.Path }, TimeProvider.System, logs);

        await store.AppendAsync(key, turn);

        Assert.Equal(turn.TurnId, Assert.Single(await store.ReadAllAsync(key)).TurnId);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("turn journal", warning.Message, StringComparison.Ordinal);
        Assert.Empty(await StoreTurns.ReadTurnsAsync(store, "blocked", turn.Assistant.Timestamp.AddDays(-1), turn.Assistant.Timestamp.AddDays(1)));
    }

    [Fact]
    public async Task WriteTurnIndexOff_WritesNoJournal()
    {
        var store = new FileConversationStore(new FileStoreOptions { Directory = Folder.Path, WriteTurnIndex = false }, TimeProvider.System);
        var turn = Turn("q", "a", 0);

        await store.AppendAsync(NewKey("nojournal"), turn);

        Assert.False(File.Exists(JournalFile("nojournal", turn.Assistant.Timestamp)));
        Assert.Empty(await StoreTurns.ReadTurnsAsync(store, "nojournal", turn.Assistant.Timestamp.AddDays(-1), turn.Assistant.Timestamp.AddDays(1)));
    }
}
