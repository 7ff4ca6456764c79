using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The file store reads the original Python twin's <c>memory/{session_id}.json</c> as older history, and never writes it.</summary>
public sealed class FileStoreLegacyConversationTests : IDisposable
{
    // As the original wrote it: json.dump(messages, indent=2) with datetime.now().isoformat() timestamps (no offset).
    private const string Original = """
        [
          { "role": "user", "content": "Hi, who are you?", "timestamp": "2025-06-01T10:00:00.123456" },
          { "role": "assistant", "content": "I'm Maya's digital twin.", "timestamp": "2025-06-01T10:00:02.5" },
          { "role": "user", "content": "What do you work on?", "timestamp": "2025-06-01T10:01:00" },
          { "role": "assistant", "content": "Serverless systems.", "timestamp": "2025-06-01T10:01:03" }
        ]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Original_session_file_is_read_as_the_older_turns_and_new_turns_follow_without_touching_it()
    {
        var session = SessionId.Parse("3f2c9a1e-5b7d-4c2a-9e8f-1a2b3c4d5e6f");
        var legacyPath = Path.Combine(_dir.Path, session.Value + ".json");
        await File.WriteAllTextAsync(legacyPath, Original);
        var before = await File.ReadAllBytesAsync(legacyPath);
        var store = new FileConversationStore(new FileStoreOptions { Directory = _dir.Path }, TimeProvider.System);
        var key = new ConversationKey(DigitalTwinDefaults.TwinName, session);

        var history = await store.ReadLatestAsync(key, 10);
        await store.AppendAsync(key, NewTurn("And now?"));
        var after = await store.ReadLatestAsync(key, 10);
        var window = await store.ReadLatestAsync(key, 2);

        Assert.Equal(["Hi, who are you?", "What do you work on?"], history.Select(t => t.User.Content));
        Assert.Equal("I'm Maya's digital twin.", history[0].Assistant.Content);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), history[0].User.Timestamp);
        Assert.Equal(["Hi, who are you?", "What do you work on?", "And now?"], after.Select(t => t.User.Content));
        Assert.Equal(["What do you work on?", "And now?"], window.Select(t => t.User.Content));
        Assert.Equal(before, await File.ReadAllBytesAsync(legacyPath));
    }

    [Fact]
    public async Task Named_twins_do_not_read_the_original_files()
    {
        var session = SessionId.Parse("3f2c9a1e-5b7d-4c2a-9e8f-1a2b3c4d5e6f");
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, session.Value + ".json"), Original);
        var store = new FileConversationStore(new FileStoreOptions { Directory = _dir.Path }, TimeProvider.System);

        Assert.Empty(await store.ReadLatestAsync(new ConversationKey("maya", session), 10));
    }

    [Fact]
    public async Task Unreadable_original_file_is_skipped_with_a_warning()
    {
        var session = SessionId.Parse("not-a-conversation-1");
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, session.Value + ".json"), "{ \"role\": ");
        var logs = new ListLogger();
        var store = new FileConversationStore(new FileStoreOptions { Directory = _dir.Path }, TimeProvider.System, logs);

        var turns = await store.ReadLatestAsync(new ConversationKey(DigitalTwinDefaults.TwinName, session), 10);

        Assert.Empty(turns);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("not a conversation of the original twin", warning.Message, StringComparison.Ordinal);
    }

    private static ConversationTurn NewTurn(string user) => new(
        Guid.NewGuid().ToString("N"),
        new ConversationMessage(ConversationRole.User, user, DateTimeOffset.UtcNow),
        new ConversationMessage(ConversationRole.Assistant, "An answer.", DateTimeOffset.UtcNow));
}
