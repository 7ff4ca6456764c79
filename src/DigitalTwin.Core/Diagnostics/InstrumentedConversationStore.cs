using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// Records <c>digitaltwin.store.duration</c> for every store operation of a twin. Capabilities pass through
/// <see cref="GetService"/>: the inner store's <see cref="ITurnClaims"/> come back instrumented too, anything else unchanged.
/// </summary>
internal sealed class InstrumentedConversationStore(IConversationStore inner, TimeProvider time) : IConversationStore
{
    private readonly StoreTimer _timer = new(inner.GetType().Name, time);
    private readonly InstrumentedTurnClaims? _claims = inner.GetService<ITurnClaims>() is { } claims
        ? new InstrumentedTurnClaims(claims, new StoreTimer(inner.GetType().Name, time))
        : null;

    public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) =>
        _timer.TimeAsync("append", () => inner.AppendAsync(key, turn, cancellationToken));

    public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) =>
        _timer.TimeAsync("read", () => inner.ReadLatestAsync(key, maxTurns, cancellationToken), static _ => "ok");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ITurnClaims) ? _claims
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : inner.GetService(serviceType, serviceKey);
}
