using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Notifications;

/// <summary>
/// Drains the outboxes in the background: at start, whenever a record is announced (<see cref="IOwnerNotifier.Nudge"/>),
/// when a failed delivery's backoff ends, and every <see cref="OwnerNotificationOptions.PollInterval"/>. Ends at once when
/// no twin has a webhook. Never touches a visitor's request.
/// </summary>
internal sealed partial class OwnerNotificationService(OwnerNotifier notifier, TimeProvider time, ILogger<OwnerNotificationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on while the outbox is read
        if (!notifier.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifier.DeliverPendingAsync(stoppingToken).ConfigureAwait(false);
                await notifier.WaitUntilDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 4505, Level = LogLevel.Error, Message = "Owner notifications: a delivery round failed ({Error}); trying again shortly")]
    private static partial void LogLoopFailed(ILogger logger, string error);
}
