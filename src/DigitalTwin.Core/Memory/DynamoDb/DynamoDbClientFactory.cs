using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DigitalTwin.Memory.Aws;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>Creates the DynamoDB store for dependency injection, and its client when none is registered there (see <see cref="AwsClients"/>).</summary>
internal static class DynamoDbClientFactory
{
    public static DynamoDbConversationStore CreateStore(IServiceProvider services, string twin) =>
        AwsClients.CreateStore<IAmazonDynamoDB, DynamoDbStoreOptions, DynamoDbConversationStore>(
            services, twin, "DynamoDbStore", "DigitalTwin.Memory.DynamoDb", static options => Create(options), static (client, owned, options, time, logger) => new(client, owned, options, time, logger));

    /// <summary>A client for <paramref name="options"/>; credentials from <paramref name="credentials"/> or else the SDK's default chain.</summary>
    public static AmazonDynamoDBClient Create(DynamoDbStoreOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        var config = CreateConfig(options, httpClientFactory);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>The client settings for <paramref name="options"/> (DynamoDB's SDK default of ten retries becomes the shared two).</summary>
    public static AmazonDynamoDBConfig CreateConfig(DynamoDbStoreOptions options, HttpClientFactory? httpClientFactory = null) =>
        AwsClients.Configure(new AmazonDynamoDBConfig(), options.ServiceUrl, options.Region, options.Timeout, httpClientFactory);
}
