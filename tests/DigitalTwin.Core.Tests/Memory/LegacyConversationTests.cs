using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>Reading the original twin's message arrays, and the order keys of the one-item-per-turn stores.</summary>
public sealed class LegacyConversationTests
{
    [Fact]
    public void UnpairedAndUnknownMessages_AreLeftOut_PairsBecomeTurnsInOrder()
    {
        const string json = """
            [{"role": "assistant", "content": "orphan answer", "timestamp": "2025-01-01T00:00:00"},
             {"role": "user", "content": "q1", "timestamp": "2025-01-01T00:00:01+02:00"},
             {"role": "assistant", "content": "a1"},
             {"role": "system", "content": "ignored"},
             {"role": "user", "content": "dropped: no answer"},
             {"role": "user", "content": "q2", "timestamp": "not a date"},
             {"role": "assistant", "content": "a2", "timestamp": "2025-01-01T00:00:03"},
             {"role": "user", "content": "trailing"}]
            """;

        var turns = LegacyConversation.TryParse(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(["q1", "q2"], turns.Select(t => t.User.Content));
        Assert.Equal(["a1", "a2"], turns.Select(t => t.Assistant.Content));
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 22, 0, 1, TimeSpan.Zero), turns[0].User.Timestamp);
        Assert.Equal(DateTimeOffset.UnixEpoch, turns[1].User.Timestamp);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 3, TimeSpan.Zero), turns[1].Assistant.Timestamp);
        Assert.Equal(["legacy-000000", "legacy-000001"], turns.Select(t => t.TurnId));
    }

    [Theory]
    [InlineData("{\"role\": \"user\"}")]
    [InlineData("[{\"role\": \"user\", \"content\": \"cut off")]
    [InlineData("not json")]
    public void NotAMessageArray_ReadsAsNull(string text)
    {
        Assert.Null(LegacyConversation.TryParse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void OrderKeys_InOneClockTick_AreStrictlyOrderedBothWays()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ticks = Enumerable.Range(0, 100).Select(_ => TurnSequence.NextTicks(time)).ToList();

        var ascending = ticks.Select(TurnSequence.Ascending).ToList();
        var descending = ticks.Select(TurnSequence.Descending).ToList();

        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(descending.OrderDescending(StringComparer.Ordinal), descending);
        Assert.Equal(100, ascending.Distinct().Count());
    }
}
