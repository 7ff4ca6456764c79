using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Memory.DynamoDb;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The claim contract against a real DynamoDB API (dynalite and moto, which both evaluate condition expressions): each
/// "host" is a store with its own client over one fresh table.
/// </summary>
public abstract class DynamoDbTurnClaimsSuite(DynamoDbStoreOptions options, IAmazonDynamoDB raw) : TurnClaimsContract
{
    private readonly DynamoDbStoreOptions _options = options;

    protected override Task<IConversationStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IConversationStore>(Own(DynaliteFixture.CreateStore(_options, time: time)));

    [Fact]
    public async Task Claim_IsAnItemInTheSessionsClaimsPartition_WithOwnerExpiryAndTtl_AndReleaseDeletesIt()
    {
        var host = await CreateHostAsync(Clock);
        var key = NewKey();

        var claim = await host.TryClaimAsync(key, "client-key-42", Lease);

        var items = (await raw.ScanAsync(new ScanRequest { TableName = _options.TableName })).Items;
        var item = Assert.Single(items);
        Assert.Equal($"{key.TwinStorageName}#{key.SessionId.StorageName}#claims", item["pk"].S);
        Assert.Equal(64, item["sk"].S.Length);
        Assert.DoesNotContain("client-key-42", item["sk"].S, StringComparison.Ordinal);
        Assert.Equal(claim!.Owner, item["owner"].S);
        Assert.Equal(claim.ExpiresAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expires"].N);
        Assert.True(long.Parse(item[_options.TtlAttributeName].N, System.Globalization.CultureInfo.InvariantCulture) > claim.ExpiresAt.ToUnixTimeSeconds());

        await host.ReleaseAsync(claim);
        Assert.Empty((await raw.ScanAsync(new ScanRequest { TableName = _options.TableName })).Items);
    }
}

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbTurnClaimsTests(DynaliteFixture dynamo) : DynamoDbTurnClaimsSuite(dynamo.Options(), dynamo.RawClient);

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoDynamoDbTurnClaimsTests(MotoFixture moto) : DynamoDbTurnClaimsSuite(moto.DynamoDbOptions(), moto.RawDynamoDb);
