using DigitalTwin.Memory.DynamoDb;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The store contract against a real DynamoDB API, each test on a fresh table the store creates; run on dynalite and on moto.</summary>
public abstract class DynamoDbConversationStoreSuite(DynamoDbStoreOptions options) : RemoteConversationStoreSuite(() => DynaliteFixture.CreateStore(options));

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbConversationStoreTests(DynaliteFixture dynamo) : DynamoDbConversationStoreSuite(dynamo.Options());

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoDynamoDbConversationStoreTests(MotoFixture moto) : DynamoDbConversationStoreSuite(moto.DynamoDbOptions());
