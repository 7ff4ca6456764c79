namespace DigitalTwin.Notifications;

/// <summary>
/// Delivers the owner's notifications from the twins' outboxes (<see cref="Owner.IOwnerRecords.ReadUnnotifiedAsync"/>) to
/// their webhooks (<see cref="OwnerNotificationOptions"/>). Registered by <c>AddDigitalTwin</c>; a hosted service drains the
/// outboxes in the background, and the Lambda host drains them between invocations.
/// </summary>
public interface IOwnerNotifier
{
    /// <summary>
    /// Says a record was just stored, so the outboxes are looked at soon instead of at the next poll. Returns at once; never
    /// throws; sends nothing itself (so it never delays a visitor's answer).
    /// </summary>
    void Nudge();

    /// <summary>
    /// Delivers what is due in every twin's outbox now: each record whose backoff has passed is claimed (so one host sends
    /// it), POSTed, and marked notified after a 2xx answer; a failure is retried later with backoff.
    /// </summary>
    /// <param name="cancellationToken">Stops delivering; records not yet delivered stay in the outbox.</param>
    /// <returns>How many notifications were delivered.</returns>
    Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default);
}
