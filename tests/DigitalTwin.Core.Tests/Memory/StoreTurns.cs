using System.Diagnostics;
using DigitalTwin.Analytics;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The turns, index reads and fault checks the S3 and DynamoDB store tests share (<c>using static</c>).</summary>
internal static class StoreTurns
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    /// <summary>A turn asked at <see cref="T0"/> and answered a second later.</summary>
    public static ConversationTurn Turn(string user, string assistant = "ok") => new(
        Guid.NewGuid().ToString("N"), new(ConversationRole.User, user, T0), new(ConversationRole.Assistant, assistant, T0.AddSeconds(1)));

    /// <summary>A turn answered at <paramref name="answered"/> (asked a second before) with the metadata the turn index carries.</summary>
    public static ConversationTurn TurnAt(DateTimeOffset answered, string id, string model = "gpt-test") => new(
        id, new(ConversationRole.User, "question", answered.AddSeconds(-1)), new(ConversationRole.Assistant, "answer", answered))
    {
        Metadata = new TurnMetadata { Model = model, Provider = "openai", InputTokens = 10, OutputTokens = 2, Latency = TimeSpan.FromMilliseconds(300) },
    };

    /// <summary>Every record the store's turn index lists for <paramref name="twin"/> from <paramref name="since"/> until <paramref name="until"/>.</summary>
    public static async Task<List<TurnRecord>> ReadTurnsAsync(IConversationStore store, string twin, DateTimeOffset since, DateTimeOffset until) =>
        await store.TurnIndex().ReadTurnsAsync(twin, since, until).ToListAsync();

    /// <summary>
    /// Appends <c>perDay[d]</c> turns of <paramref name="twin"/> on each day from <paramref name="day1"/> (spaced <paramref name="minutesApart"/>),
    /// and one just before and one just after those days, each in a session of its own; returns the turns inside the days.
    /// </summary>
    public static async Task<List<(string Id, DateTimeOffset At)>> AppendOverDaysAsync(IConversationStore store, string twin, DateTimeOffset day1, int[] perDay, int minutesApart)
    {
        var inside = perDay.SelectMany((n, d) => Enumerable.Range(0, n).Select(i => (Id: $"d{d}-{i}", At: day1.AddDays(d).AddMinutes(minutesApart * i)))).ToList();
        foreach (var (id, at) in inside.Append(("before", day1.AddTicks(-1))).Append(("after", day1.AddDays(perDay.Length))))
        {
            await store.AppendAsync(new ConversationKey(twin, SessionId.New()), TurnAt(at, id));
        }

        return inside;
    }

    /// <summary><paramref name="records"/> are exactly the <paramref name="expected"/> turns, each once, with its time.</summary>
    public static void AssertListsEachOnce(IReadOnlyList<(string Id, DateTimeOffset At)> expected, IReadOnlyList<TurnRecord> records)
    {
        Assert.Equal(expected.Select(t => t.Id).Order(StringComparer.Ordinal), records.Select(r => r.TurnId).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(expected.Single(t => t.Id == r.TurnId).At, r.Timestamp));
    }

    /// <summary>For a store whose server has died: a write and a read of <paramref name="key"/> each fail with <see cref="ConversationStoreFailure.Unavailable"/>.</summary>
    public static async Task AssertUnavailableAsync(IConversationStore store, ConversationKey key)
    {
        var write = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(key, Turn("after the crash")));
        var read = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.ReadLatestAsync(key, 10));

        Assert.Equal(ConversationStoreFailure.Unavailable, write.Failure);
        Assert.Equal(ConversationStoreFailure.Unavailable, read.Failure);
    }

    /// <summary>
    /// For a store whose server never answers and whose timeout is one second: a write and a read each fail with
    /// <see cref="ConversationStoreFailure.Timeout"/> after about that second.
    /// </summary>
    public static async Task AssertTimesOutAsync(IConversationStore store)
    {
        var key = new ConversationKey("default", SessionId.New());

        var clock = Stopwatch.StartNew();
        var write = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(key, Turn("hello")));
        var writeTime = clock.Elapsed;
        clock.Restart();
        var read = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.ReadLatestAsync(key, 10));

        Assert.Equal(ConversationStoreFailure.Timeout, write.Failure);
        Assert.Equal(ConversationStoreFailure.Timeout, read.Failure);
        Assert.InRange(writeTime, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }
}
