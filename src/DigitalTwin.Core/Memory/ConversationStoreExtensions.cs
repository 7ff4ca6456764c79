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

    /// <summary>
    /// Asks <paramref name="store"/> for an optional capability, such as <see cref="ITurnClaims"/>,
    /// <see cref="Analytics.ITurnIndex"/> or <see cref="Owner.IOwnerRecords"/>, through <see cref="IConversationStore.GetService"/>; <see langword="null"/> when it has none.
    /// </summary>
    public static TService? GetService<TService>(this IConversationStore store, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetService(typeof(TService), serviceKey) as TService;
    }

    /// <summary>The usual <see cref="IConversationStore.GetService"/> of a store whose claims and index are separate objects.</summary>
    internal static object? GetCapability(
        this IConversationStore store, Type serviceType, object? serviceKey, ITurnClaims claims, Analytics.ITurnIndex index, Owner.IOwnerRecords? records = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ITurnClaims) || (serviceType == typeof(IOwnedTurnClaims) && claims is IOwnedTurnClaims) ? claims
            : serviceType == typeof(Analytics.ITurnIndex) ? index
            : serviceType == typeof(Owner.IOwnerRecords) ? records
            : serviceType.IsInstanceOfType(store) ? store
            : null;
    }
}
