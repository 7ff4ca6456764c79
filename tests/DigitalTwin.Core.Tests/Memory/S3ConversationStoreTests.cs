using DigitalTwin.Core.Tests.Memory.Servers;
using DigitalTwin.Memory;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real S3 API (s3rver), each test under a fresh key prefix.</summary>
[Collection(S3ServerTests.Name)]
public sealed class S3ConversationStoreTests(S3ServerFixture s3) : ConversationStoreContract
{
    private readonly List<S3ConversationStore> _stores = [];
    private readonly S3StoreOptions _options = s3.Options(S3ServerFixture.NewPrefix());

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Track(S3ServerFixture.CreateStore(_options)));

    // A second client and store over the same bucket and prefix, as another host would have.
    protected override Task<IConversationStore> CreatePeerAsync(IConversationStore store) => Task.FromResult<IConversationStore>(Track(S3ServerFixture.CreateStore(_options)));

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
