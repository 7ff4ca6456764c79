using DigitalTwin.Diagnostics;
using DigitalTwin.Memory;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Conversations;

/// <summary>
/// Makes hosts sharing a store produce an idempotent turn once: a request claims the turn (<see cref="ITurnClaims"/>)
/// before looking it up, so the look-up that finds no stored turn happens while no other request can be producing it.
/// When another request holds the claim, this one polls the store until the turn appears (a replay), the claim is free
/// again (the first request failed, or its host crashed and the claim expired: this request takes over and answers), or
/// the lease has passed (<see cref="TurnInProgressException"/>).
/// </summary>
internal sealed partial class TurnClaimWaiter(ITurnClaims claims, string twin, TimeSpan lease, TimeSpan pollInterval, TimeProvider time, ILogger logger)
{
    /// <summary>Reads the session's recent turns and the stored answer of a turn id, when they hold it.</summary>
    public delegate Task<(TwinReply? Replay, IReadOnlyList<ConversationTurn> Recent)> Finder(ConversationKey key, string turnId, CancellationToken cancellationToken);

    /// <summary>The stored answer, or the recent turns and this request's claim on producing the turn.</summary>
    public async Task<TurnStart> BeginAsync(ConversationKey key, string turnId, Finder find, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var waited = false;
        while (true)
        {
            if (await claims.TryClaimAsync(key, turnId, lease, cancellationToken).ConfigureAwait(false) is { } claim)
            {
                if (claim.TookOver)
                {
                    LogTookOver(logger, twin, key.SessionId.StorageName);
                }

                var start = await FindHoldingAsync(claim, find, cancellationToken).ConfigureAwait(false);
                if (waited)
                {
                    Count(start.Replay is null ? "claimed" : "replayed");
                }

                return start;
            }

            if (!waited)
            {
                waited = true;
                LogWaiting(logger, twin, key.SessionId.StorageName);
            }

            var (found, _) = await find(key, turnId, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                Count("replayed");
                return new TurnStart(found, [], null);
            }

            if (time.GetElapsedTime(started) >= lease)
            {
                Count("timed_out");
                throw new TurnInProgressException(
                    $"Twin {twin}: a request with the same turn id in session {key.SessionId.StorageName} (hashed) was still being answered after {lease}; nothing was stored for this one.");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases a claim, best effort: a failure is logged (the claim then lapses after its lease), never thrown.</summary>
    public async ValueTask ReleaseAsync(TurnClaim claim)
    {
        try
        {
            // The caller may have gone: the release still happens, so a retry need not wait for the lease.
            await claims.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, twin, claim.ExpiresAt);
        }
    }

    private async Task<TurnStart> FindHoldingAsync(TurnClaim claim, Finder find, CancellationToken cancellationToken)
    {
        (TwinReply? Replay, IReadOnlyList<ConversationTurn> Recent) found;
        try
        {
            found = await find(claim.Key, claim.TurnId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
            throw;
        }

        if (found.Replay is null)
        {
            return new TurnStart(null, found.Recent, claim);
        }

        await ReleaseAsync(claim).ConfigureAwait(false); // already answered (before this claim was taken): nothing to produce
        return new TurnStart(found.Replay, found.Recent, null);
    }

    private void Count(string outcome) => TwinTelemetry.IdempotencyWaits.Add(
        1, new KeyValuePair<string, object?>("digitaltwin.twin", twin), new KeyValuePair<string, object?>("digitaltwin.idempotency.outcome", outcome));

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Twin {Twin}: took over the expired claim on a repeated turn id in session {SessionHash}; its holder crashed or overran its lease, so this request answers it")]
    private static partial void LogTookOver(ILogger logger, string twin, string sessionHash);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Twin {Twin}: a request with the same turn id in session {SessionHash} is being answered elsewhere; waiting for its answer")]
    private static partial void LogWaiting(ILogger logger, string twin, string sessionHash);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Twin {Twin}: could not release a turn claim; it lapses at {ExpiresAt}, and a retry of that turn id waits until then")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string twin, DateTimeOffset expiresAt);
}
