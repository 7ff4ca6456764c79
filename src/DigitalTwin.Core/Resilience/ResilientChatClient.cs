using System.Runtime.CompilerServices;
using DigitalTwin.Providers;
using Microsoft.Extensions.AI;
using Polly;

namespace DigitalTwin.Resilience;

/// <summary>
/// Runs a twin's model calls through the resilience pipeline: the one retry layer of every provider. A stream is retried
/// until its first text: updates before it (a role, metadata) are held back meanwhile; once text may have reached the
/// visitor, a failure ends the stream.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, ResiliencePipeline pipeline, ResilienceOptions options, TimeProvider time) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        try
        {
            return await pipeline.ExecuteAsync(
                async (state, token) =>
                {
                    try
                    {
                        return await state.Inner.GetResponseAsync(state.List, state.Options, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, token))
                    {
                        throw ProviderErrors.Wrap(ex);
                    }
                },
                (Inner: InnerClient, List: list, Options: chatOptions),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ChatResiliencePipeline.Map(ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        StreamStart start;
        try
        {
            start = await pipeline.ExecuteAsync(token => StartAsync(list, chatOptions, token, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ChatResiliencePipeline.Map(ex);
        }

        using var streamCancellation = start.Cancellation;
        await using var updates = start.Updates.ConfigureAwait(false);
        foreach (var held in start.Held)
        {
            yield return held;
        }

        if (!start.HasMore)
        {
            yield break;
        }

        while (true)
        {
            try
            {
                if (!await start.Updates.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ChatProviderException(ChatProviderFailure.Timeout, "The streamed answer did not finish within the total timeout.", ex);
            }
            catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
            {
                throw ProviderErrors.Wrap(ex);
            }

            yield return start.Updates.Current;
        }
    }

    /// <summary>One attempt: open the stream under its own cancellation (the caller's, the total timeout and this attempt's) and read up to its first text.</summary>
    private async ValueTask<StreamStart> StartAsync(IReadOnlyList<ChatMessage> list, ChatOptions? chatOptions, CancellationToken attempt, CancellationToken caller)
    {
        var cancellation = new CancellationTokenSource(options.TotalTimeout, time);
        var fromCaller = caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cancellation);
        var updates = InnerClient.GetStreamingResponseAsync(list, chatOptions, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        try
        {
            using (attempt.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cancellation))
            {
                var held = new List<ChatResponseUpdate>();
                bool hasMore;
                while ((hasMore = await updates.MoveNextAsync().ConfigureAwait(false)) && string.IsNullOrEmpty(updates.Current.Text))
                {
                    held.Add(updates.Current);
                }

                if (hasMore)
                {
                    held.Add(updates.Current);
                }

                return new StreamStart(updates, held, hasMore, new Owned(cancellation, fromCaller));
            }
        }
        catch (Exception ex)
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            await fromCaller.DisposeAsync().ConfigureAwait(false);
            cancellation.Dispose();
            if (ex is OperationCanceledException && attempt.IsCancellationRequested)
            {
                throw new OperationCanceledException(attempt);
            }

            throw ProviderErrors.ShouldWrap(ex, attempt) ? ProviderErrors.Wrap(ex) : ex;
        }
    }

    private sealed record StreamStart(IAsyncEnumerator<ChatResponseUpdate> Updates, List<ChatResponseUpdate> Held, bool HasMore, Owned Cancellation);

    private sealed class Owned(CancellationTokenSource source, CancellationTokenRegistration registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            source.Dispose();
        }
    }
}
