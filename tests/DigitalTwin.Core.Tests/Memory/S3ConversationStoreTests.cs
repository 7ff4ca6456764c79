using DigitalTwin.Core.Tests.Memory.Servers;
using DigitalTwin.Core.Tests.Support;
using DigitalTwin.Memory;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real S3 API, each test under a fresh key prefix; run on s3rver and on moto.</summary>
public abstract class S3ConversationStoreSuite(S3StoreOptions options) : ConversationStoreContract
{
    private readonly List<S3ConversationStore> _stores = [];

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Track(S3ServerFixture.CreateStore(options)));

    // A second client and store over the same bucket and prefix, as another host would have.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(Track(S3ServerFixture.CreateStore(options)));

    public override Task DisposeAsync()
    {
        _stores.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private S3ConversationStore Track(S3ConversationStore store)
    {
        _stores.Add(store);
        return store;
    }
}

[Collection(S3ServerTests.Name)]
public sealed class S3ConversationStoreTests(S3ServerFixture s3) : S3ConversationStoreSuite(s3.Options(S3ServerFixture.NewPrefix()));

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoS3ConversationStoreTests(MotoFixture moto) : S3ConversationStoreSuite(moto.S3Options(S3ServerFixture.NewPrefix()));
