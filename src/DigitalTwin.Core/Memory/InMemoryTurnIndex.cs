using System.Collections.Concurrent;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>The in-memory store's turn index: a scan of its conversations, each copied under its lock (appends may go on meanwhile).</summary>
internal sealed class InMemoryTurnIndex(ConcurrentDictionary<ConversationKey, List<ConversationTurn>> conversations) : ITurnIndex
{
    public IAsyncEnumerable<TurnRecord> ReadTurnsAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(twin);
        return Records(DigitalTwinDefaults.ToStorageName(twin), since, until, cancellationToken).ToAsyncEnumerable();
    }

    private IEnumerable<TurnRecord> Records(string twinStorageName, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        foreach (var (key, turns) in conversations.Where(c => string.Equals(c.Key.TwinStorageName, twinStorageName, StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ConversationTurn[] snapshot;
            lock (turns)
            {
                snapshot = [.. turns];
            }

            foreach (var turn in snapshot.Where(t => TurnIndexDays.Contains(since, until, t.Assistant.Timestamp)))
            {
                yield return TurnRecord.Of(key, turn);
            }
        }
    }
}
