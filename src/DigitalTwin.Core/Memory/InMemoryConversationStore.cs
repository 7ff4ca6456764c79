using System.Collections.Concurrent;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>Keeps conversations in process memory: for tests, demos and single-instance hosts that may forget on restart.</summary>
internal sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<ConversationKey, List<ConversationTurn>> _conversations = new();
    private readonly InMemoryTurnClaims _claims;
    private readonly InMemoryTurnIndex _index;
    private readonly InMemoryOwnerRecords _records = new();

    public InMemoryConversationStore(TimeProvider timeProvider)
    {
        _claims = new InMemoryTurnClaims(timeProvider);
        _index = new InMemoryTurnIndex(_conversations);
    }

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

    public object? GetService(Type serviceType, object? serviceKey = null) => this.GetCapability(serviceType, serviceKey, _claims, _index, _records);
}
