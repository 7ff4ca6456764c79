using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// A conditional write refused because the key is taken: when the stored turn is our own (the write landed, its answer was
/// lost and the SDK retried) the append is done without a duplicate; when it is someone else's, the turn goes to a new key.
/// </summary>
[Collection(S3ServerTests.Name)]
public sealed class S3LostAnswerTests(S3ServerFixture s3)
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task PreconditionFailedOnFirstPut_StoresTheTurnExactlyOnce(bool ownWriteLanded, int objects)
    {
        var options = s3.Options(S3ServerFixture.NewPrefix());
        using var client = new KeyTakenS3Client(options, ownWriteLanded);
        using var store = new S3ConversationStore(client, ownsClient: false, options, TimeProvider.System, NullLogger.Instance);
        var key = new ConversationKey("default", SessionId.New());

        await store.AppendAsync(key, StoreTurns.Turn("only once"));

        Assert.Equal(["only once"], (await store.ReadAllAsync(key)).Select(t => t.User.Content));
        Assert.Equal(objects, (await s3.RawClient.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = options.KeyPrefix + "default/" })).S3Objects.Count);
        Assert.Single((await s3.RawClient.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = options.KeyPrefix + "_index/" })).S3Objects);
    }

    private sealed class KeyTakenS3Client(S3StoreOptions options, bool ownWriteLanded)
        : AmazonS3Client(S3ServerFixture.Credentials, S3ClientFactory.CreateConfig(options))
    {
        private int _puts;

        public override async Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _puts) > 1)
            {
                return await base.PutObjectAsync(request, cancellationToken);
            }

            var body = ownWriteLanded ? null : "{\"someone\":\"else\"}";
            await base.PutObjectAsync(body is null ? request : new PutObjectRequest { BucketName = request.BucketName, Key = request.Key, ContentBody = body, UseChunkEncoding = false }, cancellationToken);
            throw new AmazonS3Exception("At least one of the pre-conditions you specified did not hold", ErrorType.Sender, "PreconditionFailed", "test", HttpStatusCode.PreconditionFailed);
        }
    }
}

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbLostAnswerTests(DynaliteFixture dynamo)
{
    [Theory]
    [InlineData(true, new[] { "only once" })]
    [InlineData(false, new[] { "rival", "only once" })]
    public async Task ConditionalCheckFailedOnFirstPut_StoresTheTurnExactlyOnce(bool ownWriteLanded, string[] expected)
    {
        var options = dynamo.Options();
        using var client = new KeyTakenDynamoDbClient(options, ownWriteLanded);
        using var store = new DynamoDbConversationStore(client, ownsClient: false, options, TimeProvider.System, NullLogger.Instance);
        var key = new ConversationKey("default", SessionId.New());

        await store.AppendAsync(key, StoreTurns.Turn("only once"));

        Assert.Equal(expected, (await store.ReadAllAsync(key)).Select(t => t.User.Content));
    }

    private sealed class KeyTakenDynamoDbClient(DynamoDbStoreOptions options, bool ownWriteLanded)
        : AmazonDynamoDBClient(DynaliteFixture.Credentials, DynamoDbClientFactory.CreateConfig(options))
    {
        private int _puts;

        public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _puts) > 1)
            {
                return await base.PutItemAsync(request, cancellationToken);
            }

            var item = new Dictionary<string, AttributeValue>(request.Item);
            if (!ownWriteLanded)
            {
                item["turn"] = new AttributeValue { S = "{\"turn_id\":\"r\",\"user\":{\"content\":\"rival\",\"timestamp\":\"2020-01-01T00:00:00+00:00\"},\"assistant\":{\"content\":\"x\",\"timestamp\":\"2020-01-01T00:00:00+00:00\"}}" };
            }

            await base.PutItemAsync(new PutItemRequest { TableName = request.TableName, Item = item }, cancellationToken);
            throw new ConditionalCheckFailedException("The conditional request failed") { Item = item };
        }
    }
}
