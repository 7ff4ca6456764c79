using DigitalTwin.Analytics;
using DigitalTwin.Owner;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>A store's capabilities, as the twin and analytics find them (<see cref="IConversationStore.GetService"/>).</summary>
internal static class StoreCapabilities
{
    public static ITurnClaims TurnClaims(this IConversationStore store) =>
        store.GetService<ITurnClaims>() ?? throw new InvalidOperationException($"{store.GetType().Name} has no turn claims.");

    public static ITurnIndex TurnIndex(this IConversationStore store) =>
        store.GetService<ITurnIndex>() ?? throw new InvalidOperationException($"{store.GetType().Name} has no turn index.");

    public static IOwnerRecords OwnerRecords(this IConversationStore store) =>
        store.GetService<IOwnerRecords>() ?? throw new InvalidOperationException($"{store.GetType().Name} has no owner records.");
}
