using DigitalTwin.Analytics;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// Keeps conversations as a sequence of whole turns. Implementations must make an acknowledged append durable and visible
/// to later reads, never lose an acknowledged turn when appends race (in one process or across hosts sharing the store),
/// keep each writer's turns in the order it appended them, and never return half a turn.
/// Failures surface as <see cref="ConversationStoreException"/>.
/// </summary>
public interface IConversationStore
{
    /// <summary>Appends one turn to the conversation. Returns once the turn is durable.</summary>
    /// <param name="key">The twin and session the turn belongs to.</param>
    /// <param name="turn">The turn to store.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write either stored the whole turn or nothing.</param>
    ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the newest <paramref name="maxTurns"/> turns of a conversation, oldest first. A conversation that does not exist
    /// reads as empty. The cost should depend on <paramref name="maxTurns"/>, not on the conversation's length.
    /// </summary>
    /// <param name="key">The twin and session to read.</param>
    /// <param name="maxTurns">How many of the newest turns to return; <see cref="int.MaxValue"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the store for an optional capability (as <c>IChatClient.GetService</c> does): its <see cref="ITurnClaims"/> (claims on
    /// idempotent turns across hosts), its <see cref="Analytics.ITurnIndex"/> (turns by time, for analytics), its <see cref="Owner.IOwnerRecords"/> (leads and
    /// unanswered questions for the owner), or the store itself.
    /// A decorating store forwards the call to the store it wraps, so capabilities survive decoration. The default returns this
    /// store when it is an instance of <paramref name="serviceType"/> (so a store that implements <see cref="ITurnIndex"/> itself
    /// is found), otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="serviceType">The capability asked for.</param>
    /// <param name="serviceKey">An optional key; the built-in stores answer only unkeyed requests.</param>
    object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
