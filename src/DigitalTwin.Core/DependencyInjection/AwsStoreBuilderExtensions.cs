using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps a twin's conversations in Amazon S3 or Amazon DynamoDB.</summary>
public static class AwsStoreBuilderExtensions
{
    /// <summary>
    /// Keeps the twin's conversations in S3, one object per turn (section <c>DigitalTwin:S3Store</c>; the bucket defaults to
    /// the original's <c>S3_BUCKET</c> variable). Uses an <c>IAmazonS3</c> registered in the container (keyed by the twin's
    /// name, else unkeyed) when there is one; otherwise creates a client from the options and the AWS SDK's default chain.
    /// </summary>
    public static IDigitalTwinBuilder UseS3Store(this IDigitalTwinBuilder builder, Action<S3StoreOptions>? configure = null)
        => builder.ConfigureOptions(configure).UseStore(sp => S3ClientFactory.CreateStore(sp, builder.Name));

    /// <summary>
    /// Keeps the twin's conversations in DynamoDB, one item per turn (section <c>DigitalTwin:DynamoDbStore</c>). Uses an
    /// <c>IAmazonDynamoDB</c> registered in the container (keyed by the twin's name, else unkeyed) when there is one;
    /// otherwise creates a client from the options and the AWS SDK's default chain.
    /// </summary>
    public static IDigitalTwinBuilder UseDynamoDbStore(this IDigitalTwinBuilder builder, Action<DynamoDbStoreOptions>? configure = null)
        => builder.ConfigureOptions(configure).UseStore(sp => DynamoDbClientFactory.CreateStore(sp, builder.Name));
}
