namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The claim contract for the in-memory store: its "hosts" are requests in one process sharing one store.</summary>
public sealed class InMemoryTurnClaimsTests : TurnClaimsContract
{
    private InMemoryConversationStore? _store;

    protected override Task<IConversationStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IConversationStore>(_store ??= new InMemoryConversationStore(time));
}
