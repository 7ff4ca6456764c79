using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>Conveniences over <see cref="IConversationStore"/>.</summary>
public static class ConversationStoreExtensions
{
    /// <summary>Reads every turn of a conversation, oldest first.</summary>
    public static ValueTask<IReadOnlyList<ConversationTurn>> ReadAllAsync(
        this IConversationStore store, ConversationKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadLatestAsync(key, int.MaxValue, cancellationToken);
    }

    /// <summary>Reads every message of a conversation, oldest first.</summary>
    public static async ValueTask<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(
        this IConversationStore store, ConversationKey key, CancellationToken cancellationToken = default)
    {
        var turns = await store.ReadAllAsync(key, cancellationToken).ConfigureAwait(false);
        var messages = new List<ConversationMessage>(turns.Count * 2);
        foreach (var turn in turns)
        {
            messages.Add(turn.User);
            messages.Add(turn.Assistant);
        }

        return messages;
    }
}
