using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>
/// Turns the OpenAI SDK's exceptions into <see cref="ChatProviderException"/>s (failure kind, status, a capped
/// <c>Retry-After</c>), so the resilience pipeline and the web layer treat OpenAI like every other provider.
/// </summary>
internal sealed class OpenAIErrorChatClient(IChatClient inner, TimeProvider time) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
        {
            throw OpenAIErrors.Map(ex, time.GetUtcNow());
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
                {
                    throw OpenAIErrors.Map(ex, time.GetUtcNow());
                }

                yield return updates.Current;
            }
        }
    }
}
