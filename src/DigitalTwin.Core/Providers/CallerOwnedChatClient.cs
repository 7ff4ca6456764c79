using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers;

/// <summary>A client the caller owns (given to <c>UseChatClient(instance)</c> or registered by the app): the twin's pipeline never disposes it.</summary>
internal sealed class CallerOwnedChatClient(IChatClient inner) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType.IsInstanceOfType(inner) ? inner
        : inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // Not ours to dispose.
    }
}
