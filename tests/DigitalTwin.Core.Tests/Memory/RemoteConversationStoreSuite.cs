namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The store contract for a store over a real remote API (S3, DynamoDB) made by <paramref name="create"/>: the peer is a second
/// client and store from the same settings, as another host would have; every store made is disposed after the test.
/// </summary>
public abstract class RemoteConversationStoreSuite(Func<IConversationStore> create) : ConversationStoreContract
{
    private readonly List<IConversationStore> _stores = [];

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult(Track(create()));

    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult(Track(create()));

    public override Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IDisposable>())
        {
            store.Dispose();
        }

        return Task.CompletedTask;
    }

    private IConversationStore Track(IConversationStore store)
    {
        _stores.Add(store);
        return store;
    }
}
