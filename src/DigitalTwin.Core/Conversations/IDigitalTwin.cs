namespace DigitalTwin.Conversations;

/// <summary>
/// A digital twin of one person: answers visitors in that person's voice and remembers each visitor's conversation.
/// Obtain one from dependency injection (<c>AddDigitalTwin</c>) or from <see cref="IDigitalTwinCatalog"/>.
/// </summary>
public interface IDigitalTwin
{
    /// <summary>The twin's name (<see cref="DigitalTwinDefaults.TwinName"/> for the single-twin setup).</summary>
    string Name { get; }

    /// <summary>
    /// Answers one visitor message: loads the session's history window, calls the model, stores the turn, returns the answer.
    /// </summary>
    /// <exception cref="ArgumentException">The message is empty or longer than allowed.</exception>
    /// <exception cref="Providers.ChatProviderException">The model call failed; nothing was stored.</exception>
    /// <exception cref="Memory.ConversationStoreException">The history could not be read or the turn not stored.</exception>
    Task<TwinReply> ChatAsync(TwinChatRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers one visitor message as a stream: first the session id, then text deltas, then completion. The turn is
    /// stored once the model has finished; a stream that fails or is cancelled stores nothing.
    /// </summary>
    IAsyncEnumerable<TwinStreamUpdate> ChatStreamingAsync(TwinChatRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a session's whole conversation, oldest message first; empty when the session is unknown.</summary>
    Task<IReadOnlyList<ConversationMessage>> GetConversationAsync(SessionId sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the twin for one of its parts (as <c>IChatClient.GetService</c> does): its model pipeline
    /// (<see cref="Microsoft.Extensions.AI.IChatClient"/>), its <see cref="Memory.IConversationStore"/>, its
    /// <see cref="DigitalTwinOptions"/>; <see langword="null"/> for anything else. A decorating twin forwards the call.
    /// </summary>
    /// <param name="serviceType">The part asked for.</param>
    /// <param name="serviceKey">An optional key; built-in twins answer only unkeyed requests.</param>
    object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
