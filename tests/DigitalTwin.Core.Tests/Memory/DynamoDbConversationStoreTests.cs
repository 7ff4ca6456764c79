using DigitalTwin.Core.Tests.Memory.Servers;
using DigitalTwin.Memory;
using DigitalTwin.Memory.DynamoDb;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real DynamoDB API (dynalite), each test on a fresh table the store creates.</summary>
[Collection(DynaliteTests.Name)]
public sealed class DynamoDbConversationStoreTests(DynaliteFixture dynamo) : ConversationStoreContract
{
    private readonly List<DynamoDbConversationStore> _stores = [];
    private readonly DynamoDbStoreOptions _options = dynamo.Options();

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Track(DynaliteFixture.CreateStore(_options)));

    // A second client and store over the same table, as another host would have.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(Track(DynaliteFixture.CreateStore(_options)));

    public override Task DisposeAsync()
    {
        _stores.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private DynamoDbConversationStore Track(DynamoDbConversationStore store)
    {
        _stores.Add(store);
        return store;
    }
}
