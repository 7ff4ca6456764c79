using System.Threading.Channels;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Notifications;

/// <summary>
/// The <see cref="IOwnerNotifier"/> of the app: a <see cref="TwinNotifier"/> for every registered twin whose
/// <see cref="OwnerNotificationOptions.WebhookUrl"/> is set, created on first use, sharing one HTTP client (its own, not
/// the factory's, whose logging would write the secret webhook address). Deliveries of the app are serialized: a call
/// while one runs waits for it.
/// </summary>
internal sealed partial class OwnerNotifier(
    IDigitalTwinCatalog catalog, OwnerRecordsReader stores, IOptionsMonitor<OwnerNotificationOptions> options, TimeProvider time, ILoggerFactory loggers)
    : IOwnerNotifier, IDisposable
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger("DigitalTwin.Notifications");
    private readonly Lock _creating = new();
    private HttpClient? _http;
    private TwinNotifier[]? _notifiers;
    private DateTimeOffset _lastDelivery = DateTimeOffset.MinValue;
    private volatile bool _nudged;

    /// <summary>Whether any twin has a webhook.</summary>
    public bool Enabled => Notifiers.Length > 0;

    public void Nudge()
    {
        _nudged = true;
        _nudges.Writer.TryWrite(true);
    }

    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return 0;
        }

        await _delivering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _nudged = false;
            _lastDelivery = time.GetUtcNow();
            var delivered = 0;
            foreach (var twin in Notifiers)
            {
                try
                {
                    delivered += await twin.DeliverAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ConversationStoreException ex)
                {
                    LogStoreFailed(_logger, ex, ex.Failure);
                }
            }

            return delivered;
        }
        finally
        {
            _delivering.Release();
        }
    }

    /// <summary>Whether a delivery is due now: a record was announced, a retry's backoff passed, or the poll interval did.</summary>
    public bool IsDue => Enabled && (_nudged || time.GetUtcNow() >= NextDue);

    /// <summary>Waits until a delivery is due (<see cref="IsDue"/>) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task WaitUntilDueAsync(CancellationToken cancellationToken)
    {
        var wait = NextDue - time.GetUtcNow();
        if (_nudged || wait <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, stop.Token);
        var nudge = _nudges.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(delay, nudge).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        _nudges.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        _http?.Dispose();
        _delivering.Dispose();
    }

    private DateTimeOffset NextDue
    {
        get
        {
            var poll = _lastDelivery == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : _lastDelivery + Notifiers.Min(n => n.PollInterval);
            var retry = Notifiers.Select(n => n.NextRetry).Where(r => r is not null).Min();
            return retry is { } r && r < poll ? r : poll;
        }
    }

    private TwinNotifier[] Notifiers
    {
        get
        {
            if (_notifiers is null)
            {
                lock (_creating)
                {
                    _notifiers ??= Create();
                }
            }

            return _notifiers;
        }
    }

    private TwinNotifier[] Create()
    {
        var notifiers = new List<TwinNotifier>();
        foreach (var name in catalog.Names)
        {
            var settings = options.Get(name);
            if (settings.WebhookUrl is null)
            {
                continue;
            }

            var store = stores.StoreOf(name);
            if (store.GetService<IOwnerRecords>() is null || store.GetService<ITurnClaims>() is null)
            {
                LogNoOutbox(_logger, name, store.GetType().Name);
                continue;
            }

            _http ??= new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            notifiers.Add(new TwinNotifier(name, store, settings, _http, time, _logger));
        }

        return [.. notifiers];
    }

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "Owner notifications: the conversation store could not be read or written ({Failure}); the outbox is tried again later")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, ConversationStoreFailure failure);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Owner notifications of twin {Twin} are off: its store ({Store}) keeps no owner records or turn claims")]
    private static partial void LogNoOutbox(ILogger logger, string twin, string store);
}
