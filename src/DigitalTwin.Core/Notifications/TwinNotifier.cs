using System.Collections.Concurrent;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Notifications;

/// <summary>
/// Delivers one twin's outbox to its webhook. Each due record is claimed with the store's <see cref="ITurnClaims"/>
/// (its conversation, turn <c>notify-{record id}</c>) so that of several hosts sharing the store one sends it; it is POSTed
/// and, after a 2xx answer, marked notified, keeping the claim until its lease ends (so a host that listed the outbox just
/// before cannot send it again). A failure releases the claim and waits <see cref="OwnerNotificationOptions.InitialBackoff"/>,
/// doubling up to <see cref="OwnerNotificationOptions.MaxBackoff"/>, before that record is tried again. Logs never carry the
/// webhook address or tokens.
/// </summary>
internal sealed partial class TwinNotifier(string twin, IConversationStore store, OwnerNotificationOptions options, HttpClient http, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Next)> _retries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lease = options.Timeout + TimeSpan.FromMinutes(2);

    /// <summary>When the earliest failed delivery may be retried; <see langword="null"/> with none waiting.</summary>
    public DateTimeOffset? NextRetry => _retries.IsEmpty ? null : _retries.Values.Min(r => r.Next);

    public TimeSpan PollInterval => options.PollInterval;

    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        if (store.GetService<IOwnerRecords>() is not { } records || store.GetService<ITurnClaims>() is not { } claims)
        {
            return 0; // a store without records or claims: nothing is ever pending (logged once at start by the notifier)
        }

        var delivered = 0;
        var pending = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in records.ReadUnnotifiedAsync(twin, cancellationToken).ConfigureAwait(false))
        {
            pending.Add(record.Id);
            if (_retries.TryGetValue(record.Id, out var retry) && retry.Next > time.GetUtcNow())
            {
                continue;
            }

            var claim = await claims.TryClaimAsync(record.Conversation, "notify-" + record.Id, _lease, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                continue; // another host is sending it, or sent it a moment ago
            }

            var failure = await SendAsync(record, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                await records.MarkNotifiedAsync(record, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                _retries.TryRemove(record.Id, out _);
                LogDelivered(logger, twin, record.Kind, record.Id);
                delivered++;
                continue;
            }

            await claims.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            var failures = (_retries.TryGetValue(record.Id, out var before) ? before.Failures : 0) + 1;
            var wait = Backoff(failures);
            _retries[record.Id] = (failures, time.GetUtcNow() + wait);
            LogFailed(logger, twin, record.Kind, record.Id, failure, failures, wait);
        }

        foreach (var gone in _retries.Keys.Where(id => !pending.Contains(id)))
        {
            _retries.TryRemove(gone, out _); // delivered by another host meanwhile
        }

        return delivered;
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(options.InitialBackoff.Ticks * factor, options.MaxBackoff.Ticks));
        return wait < options.MaxBackoff ? wait : options.MaxBackoff;
    }

    /// <summary>POSTs the record; <see langword="null"/> on a 2xx answer, else why not (without the address).</summary>
    private async Task<string?> SendAsync(OwnerRecord record, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = OwnerNotificationBodies.Create(record, twin, options) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            return $"not reachable ({ex.HttpRequestError})"; // the exception's text may name the host: not logged
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Owner notification of twin {Twin}: {Kind} {RecordId} delivered")]
    private static partial void LogDelivered(ILogger logger, string twin, OwnerRecordKind kind, string recordId);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning,
        Message = "Owner notification of twin {Twin}: {Kind} {RecordId} not delivered ({Reason}, failure {Failures}); it stays in the outbox and is retried in {RetryIn}")]
    private static partial void LogFailed(ILogger logger, string twin, OwnerRecordKind kind, string recordId, string reason, int failures, TimeSpan retryIn);
}
