using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real S3 API, each test under a fresh key prefix; run on s3rver and on moto.</summary>
public abstract class S3ConversationStoreSuite(S3StoreOptions options) : RemoteConversationStoreSuite(() => S3ServerFixture.CreateStore(options));

[Collection(S3ServerTests.Name)]
public sealed class S3ConversationStoreTests(S3ServerFixture s3) : S3ConversationStoreSuite(s3.Options(S3ServerFixture.NewPrefix()));

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoS3ConversationStoreTests(MotoFixture moto) : S3ConversationStoreSuite(moto.S3Options(S3ServerFixture.NewPrefix()));
