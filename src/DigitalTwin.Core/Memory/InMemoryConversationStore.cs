using System.Collections.Concurrent;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>Keeps conversations in process memory: for tests, demos and single-instance hosts that may forget on restart.</summary>
internal sealed class InMemoryConversationStore(TimeProvider timeProvider) : IConversationStore, ITurnIndex, ITurnClaims
{
    private readonly ConcurrentDictionary<ConversationKey, List<ConversationTurn>> _conversations = new();
    private readonly InMemoryTurnClaims _claims = new(timeProvider);

    public InMemoryConversationStore() : this(TimeProvider.System) { }

    public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        cancellationToken.ThrowIfCancellationRequested();
        var turns = _conversations.GetOrAdd(key, static _ => []);
        lock (turns)
        {
            turns.Add(turn);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_conversations.TryGetValue(key, out var turns))
        {
            return ValueTask.FromResult<IReadOnlyList<ConversationTurn>>([]);
        }

        lock (turns)
        {
            var start = Math.Max(0, turns.Count - maxTurns);
            return ValueTask.FromResult<IReadOnlyList<ConversationTurn>>(turns.GetRange(start, turns.Count - start).ToArray());
        }
    }

    public IAsyncEnumerable<TurnRecord> ReadTurnsAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(twin);
        return Records(DigitalTwinDefaults.ToStorageName(twin), since, until, cancellationToken).ToAsyncEnumerable();
    }

    // The twin's turns in the period, each conversation copied under its lock (appends may go on meanwhile).
    private IEnumerable<TurnRecord> Records(string twinStorageName, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        foreach (var (key, turns) in _conversations.Where(c => string.Equals(c.Key.TwinStorageName, twinStorageName, StringComparison.Ordinal)))
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

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.TryClaim(key, turnId, lease));
    }

    public ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        _claims.Release(claim);
        return ValueTask.CompletedTask;
    }
}
