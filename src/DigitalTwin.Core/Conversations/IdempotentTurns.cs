using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DigitalTwin.Memory;

namespace DigitalTwin.Conversations;

/// <summary>
/// Makes a turn with a client-chosen id (an <c>Idempotency-Key</c>) happen once: a repeat returns the stored answer
/// without calling the model or storing again, and a concurrent repeat in the same process waits for the first and
/// reports its outcome. A key is scoped to its twin and conversation; within that scope it names one request, so the same
/// key with a different message is refused (<see cref="IdempotencyKeyReusedException"/>) rather than answered with the
/// first message's answer; and with the built-in stores the key is bound to its first request across conversations and twins
/// too (<see cref="IdempotencyKeyRegistry"/>). Repeats are recognised among the session's newest <see cref="DigitalTwinOptions.IdempotencyLookbackTurns"/>
/// turns, so hosts sharing a store recognise each other's completed turns; with a store that has claims
/// (<paramref name="claims"/>), concurrent repeats on different hosts wait for the first too (<see cref="TurnClaimWaiter"/>).
/// </summary>
internal sealed class IdempotentTurns(IConversationStore store, string twin, DigitalTwinOptions options, TurnClaimWaiter? claims)
{
    /// <summary>The secret of hosts that configure none: random, so no session can be derived from a key outside this process.</summary>
    private static readonly byte[] ProcessSecret = RandomNumberGenerator.GetBytes(32);

    private readonly ConcurrentDictionary<(ConversationKey Key, string TurnId), (Task<TwinReply> Reply, string Message)> _inFlight = new();

    private readonly byte[] _secret = options.IdempotencyKeySecret is { } secret ? Encoding.UTF8.GetBytes(secret) : ProcessSecret;

    private IdempotencyKeyRegistry? Keys => field ??= store.GetService<IOwnedTurnClaims>() is { } owned
        ? new IdempotencyKeyRegistry(owned, _secret, options.IdempotencyKeyRetention)
        : null;

    // One read serves both the repeat check and the history window of an idempotent turn.
    private readonly int _lookbackTurns = Math.Max(options.IdempotencyLookbackTurns, HistoryWindow.TurnsToRead(options.MaxHistoryMessages));

    /// <summary>
    /// A first message sent with a turn id but no session gets a session keyed from the turn id with the host's secret
    /// (<see cref="SessionId.FromIdempotencyKey"/>), so its retry (which has no session id either) lands in the same session
    /// and is recognised, while nobody can compute that session from the key alone.
    /// </summary>
    public TwinChatRequest WithSession(TwinChatRequest request) => request.SessionId is not null || request.TurnId is null
        ? request
        : request with { SessionId = SessionId.FromIdempotencyKey(twin, request.TurnId, _secret) };

    /// <summary>
    /// Replays the stored answer of the request's turn id, or produces it with <paramref name="answer"/>, which gets the
    /// session's recent turns already read (so the history window needs no second read).
    /// </summary>
    public async Task<TwinReply> RunAsync(
        ConversationKey key, TwinChatRequest request, Func<IReadOnlyList<ConversationTurn>, Task<TwinReply>> answer, CancellationToken cancellationToken)
    {
        var turnId = request.TurnId!;
        var mine = new TaskCompletionSource<TwinReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slot = (key, turnId);
        var first = _inFlight.GetOrAdd(slot, (mine.Task, request.Message));
        if (first.Reply != mine.Task)
        {
            EnsureSameMessage(first.Message, request.Message);
            return (await first.Reply.WaitAsync(cancellationToken).ConfigureAwait(false)) with { IsReplay = true };
        }

        try
        {
            var start = await BeginAsync(key, request, cancellationToken).ConfigureAwait(false);
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
            _inFlight.TryRemove(new KeyValuePair<(ConversationKey, string), (Task<TwinReply>, string)>(slot, (mine.Task, request.Message)));
        }
    }

    /// <summary>
    /// Starts an idempotent turn: returns its stored answer, or the session's recent turns and (with a store that has claims)
    /// this request's claim on producing it, which <see cref="EndAsync"/> releases. Waits while another request holds the claim.
    /// </summary>
    public async Task<TurnStart> BeginAsync(ConversationKey key, TwinChatRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message;
        if (Keys is { } keys)
        {
            await keys.EnsureBoundAsync(key, request.TurnId!, message, cancellationToken).ConfigureAwait(false);
        }

        if (claims is not null)
        {
            return await claims.BeginAsync(key, request.TurnId!, (k, t, ct) => FindAsync(k, t, message, ct), cancellationToken).ConfigureAwait(false);
        }

        var (replay, recent) = await FindAsync(key, request.TurnId!, message, cancellationToken).ConfigureAwait(false);
        return new TurnStart(replay, recent, null);
    }

    /// <summary>Ends a turn started by <see cref="BeginAsync"/>, stored or failed: releases its claim, if it holds one.</summary>
    public ValueTask EndAsync(TurnStart start) => start.Claim is { } claim && claims is not null ? claims.ReleaseAsync(claim) : ValueTask.CompletedTask;

    /// <summary>
    /// Reads the session's newest turns and returns the stored answer of <paramref name="turnId"/> when they hold it,
    /// together with the turns read (the caller sizes the read to cover its history window too). A stored turn of that id
    /// whose message is not <paramref name="message"/> is another request: <see cref="IdempotencyKeyReusedException"/>.
    /// </summary>
    private async Task<(TwinReply? Replay, IReadOnlyList<ConversationTurn> Recent)> FindAsync(
        ConversationKey key, string turnId, string message, CancellationToken cancellationToken)
    {
        var recent = await store.ReadLatestAsync(key, _lookbackTurns, cancellationToken).ConfigureAwait(false);
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (string.Equals(recent[i].TurnId, turnId, StringComparison.Ordinal))
            {
                EnsureSameMessage(recent[i].User.Content, message);
                return (new TwinReply(recent[i].Assistant.Content, key.SessionId) { TurnId = turnId, IsReplay = true }, recent);
            }
        }

        return (null, recent);
    }

    /// <summary>
    /// The request's fingerprint is its twin, conversation and message: the first two are the key's scope (the look-up is
    /// made within them), so a repeat is the same request exactly when its message is the same.
    /// </summary>
    private static void EnsureSameMessage(string first, string repeat)
    {
        if (!string.Equals(first, repeat, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException();
        }
    }
}
