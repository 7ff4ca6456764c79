using DigitalTwin.Core.Tests.Memory.Servers;
using DigitalTwin.Core.Tests.Support;
using DigitalTwin.Memory;
using DigitalTwin.Memory.DynamoDb;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real DynamoDB API, each test on a fresh table the store creates; run on dynalite and on moto.</summary>
public abstract class DynamoDbConversationStoreSuite(DynamoDbStoreOptions options) : ConversationStoreContract
{
    private readonly List<DynamoDbConversationStore> _stores = [];

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Track(DynaliteFixture.CreateStore(options)));

    // A second client and store over the same table, as another host would have.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(Track(DynaliteFixture.CreateStore(options)));

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

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbConversationStoreTests(DynaliteFixture dynamo) : DynamoDbConversationStoreSuite(dynamo.Options());

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoDynamoDbConversationStoreTests(MotoFixture moto) : DynamoDbConversationStoreSuite(moto.DynamoDbOptions());
