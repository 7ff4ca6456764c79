using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DigitalTwin.Memory;

namespace DigitalTwin.Conversations;

/// <summary>
/// Makes a turn with a client-chosen id (an <c>Idempotency-Key</c>) happen once: a repeat returns the stored answer
/// without calling the model or storing again, and a concurrent repeat in the same process waits for the first and
/// reports its outcome. Repeats are recognised among the session's newest <see cref="DigitalTwinOptions.IdempotencyLookbackTurns"/>
/// turns, so hosts sharing a store recognise each other's completed turns.
/// </summary>
internal sealed class IdempotentTurns(IConversationStore store, int lookbackTurns)
{
    private readonly ConcurrentDictionary<(ConversationKey Key, string TurnId), Task<TwinReply>> _inFlight = new();

    /// <summary>
    /// A first message sent with a turn id but no session gets a session derived from the turn id, so its retry (which
    /// has no session id either) lands in the same session and is recognised.
    /// </summary>
    public static TwinChatRequest WithSession(TwinChatRequest request) => request.SessionId is not null || request.TurnId is null
        ? request
        : request with { SessionId = SessionId.Parse("t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.TurnId))).AsSpan(0, 32).ToString()) };

    public async Task<TwinReply> RunAsync(ConversationKey key, string turnId, Func<Task<TwinReply>> answer, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<TwinReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slot = (key, turnId);
        var first = _inFlight.GetOrAdd(slot, mine.Task);
        if (first != mine.Task)
        {
            return (await first.WaitAsync(cancellationToken).ConfigureAwait(false)) with { IsReplay = true };
        }

        try
        {
            var reply = await FindAsync(key, turnId, cancellationToken).ConfigureAwait(false) ?? await answer().ConfigureAwait(false);
            mine.SetResult(reply);
            return reply;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed: waiters rethrow it, nobody else needs to
            throw;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<(ConversationKey, string), Task<TwinReply>>(slot, mine.Task));
        }
    }

    /// <summary>The stored answer of <paramref name="turnId"/>, when the session's recent turns hold it.</summary>
    public async Task<TwinReply?> FindAsync(ConversationKey key, string turnId, CancellationToken cancellationToken)
    {
        var recent = await store.ReadLatestAsync(key, lookbackTurns, cancellationToken).ConfigureAwait(false);
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (string.Equals(recent[i].TurnId, turnId, StringComparison.Ordinal))
            {
                return new TwinReply(recent[i].Assistant.Content, key.SessionId) { TurnId = turnId, IsReplay = true };
            }
        }

        return null;
    }
}
