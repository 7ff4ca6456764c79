using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers;

/// <summary>Stands in when a twin has no model provider: every call fails with a message saying what to set.</summary>
internal sealed class UnconfiguredChatClient(string message) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new ChatProviderException(ChatProviderFailure.NotConfigured, message);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new ChatProviderException(ChatProviderFailure.NotConfigured, message);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
