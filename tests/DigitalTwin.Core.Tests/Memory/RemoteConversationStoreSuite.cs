namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The store contract for a store over a real remote API (S3, DynamoDB) made by <paramref name="create"/>: the peer is a second
/// client and store from the same settings, as another host would have; every store made is disposed after the test.
/// </summary>
public abstract class RemoteConversationStoreSuite(Func<IConversationStore> create) : ConversationStoreContract
{
    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult(Own(create()));

    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult(Own(create()));
}
