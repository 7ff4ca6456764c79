using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DigitalTwin.Memory;

namespace DigitalTwin.Conversations;

/// <summary>
/// Makes a turn with a client-chosen id (an <c>Idempotency-Key</c>) happen once: a repeat returns the stored answer
/// without calling the model or storing again, and a concurrent repeat in the same process waits for the first and
/// reports its outcome. Repeats are recognised among the session's newest <see cref="DigitalTwinOptions.IdempotencyLookbackTurns"/>
/// turns, so hosts sharing a store recognise each other's completed turns; with a store that has claims
/// (<paramref name="claims"/>), concurrent repeats on different hosts wait for the first too (<see cref="TurnClaimWaiter"/>).
/// </summary>
internal sealed class IdempotentTurns(IConversationStore store, int lookbackTurns, TurnClaimWaiter? claims)
{
    private readonly ConcurrentDictionary<(ConversationKey Key, string TurnId), Task<TwinReply>> _inFlight = new();

    /// <summary>
    /// A first message sent with a turn id but no session gets a session derived from the turn id, so its retry (which
    /// has no session id either) lands in the same session and is recognised.
    /// </summary>
    public static TwinChatRequest WithSession(TwinChatRequest request) => request.SessionId is not null || request.TurnId is null
        ? request
        : request with { SessionId = SessionId.Parse("t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.TurnId))).AsSpan(0, 32).ToString()) };

    /// <summary>
    /// Replays the stored answer of <paramref name="turnId"/>, or produces it with <paramref name="answer"/>, which gets the
    /// session's recent turns already read (so the history window needs no second read).
    /// </summary>
    public async Task<TwinReply> RunAsync(
        ConversationKey key, string turnId, Func<IReadOnlyList<ConversationTurn>, Task<TwinReply>> answer, CancellationToken cancellationToken)
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
            var start = await BeginAsync(key, turnId, cancellationToken).ConfigureAwait(false);
            TwinReply reply;
            try
            {
                reply = start.Replay ?? await answer(start.Recent).ConfigureAwait(false);
            }
            finally
            {
                await EndAsync(start).ConfigureAwait(false);
            }

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

    /// <summary>
    /// Starts an idempotent turn: returns its stored answer, or the session's recent turns and (with a store that has claims)
    /// this request's claim on producing it, which <see cref="EndAsync"/> releases. Waits while another request holds the claim.
    /// </summary>
    public async Task<TurnStart> BeginAsync(ConversationKey key, string turnId, CancellationToken cancellationToken)
    {
        if (claims is not null)
        {
            return await claims.BeginAsync(key, turnId, FindAsync, cancellationToken).ConfigureAwait(false);
        }

        var (replay, recent) = await FindAsync(key, turnId, cancellationToken).ConfigureAwait(false);
        return new TurnStart(replay, recent, null);
    }

    /// <summary>Ends a turn started by <see cref="BeginAsync"/>, stored or failed: releases its claim, if it holds one.</summary>
    public ValueTask EndAsync(TurnStart start) => start.Claim is { } claim && claims is not null ? claims.ReleaseAsync(claim) : ValueTask.CompletedTask;

    /// <summary>
    /// Reads the session's newest turns and returns the stored answer of <paramref name="turnId"/> when they hold it,
    /// together with the turns read (the caller sizes the read to cover its history window too).
    /// </summary>
    public async Task<(TwinReply? Replay, IReadOnlyList<ConversationTurn> Recent)> FindAsync(ConversationKey key, string turnId, CancellationToken cancellationToken)
    {
        var recent = await store.ReadLatestAsync(key, lookbackTurns, cancellationToken).ConfigureAwait(false);
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (string.Equals(recent[i].TurnId, turnId, StringComparison.Ordinal))
            {
                return (new TwinReply(recent[i].Assistant.Content, key.SessionId) { TurnId = turnId, IsReplay = true }, recent);
            }
        }

        return (null, recent);
    }
}
