namespace DigitalTwin.Core.Tests.Memory;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(new InMemoryConversationStore());

    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult(store);
}
