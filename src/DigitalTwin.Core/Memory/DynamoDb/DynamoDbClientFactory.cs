using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>Creates the DynamoDB client a store uses when none is registered in dependency injection.</summary>
internal static class DynamoDbClientFactory
{
    /// <summary>
    /// A client for <paramref name="options"/>: its endpoint, region and timeout; credentials from <paramref name="credentials"/>
    /// or else the SDK's default chain; HTTP through <paramref name="httpClientFactory"/> when given (tests count requests).
    /// </summary>
    public static AmazonDynamoDBClient Create(DynamoDbStoreOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        var config = CreateConfig(options, httpClientFactory);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>The client settings for <paramref name="options"/>.</summary>
    public static AmazonDynamoDBConfig CreateConfig(DynamoDbStoreOptions options, HttpClientFactory? httpClientFactory = null)
    {
        // Standard retries (two after the first attempt), all inside the store's Timeout; DynamoDB's SDK default is ten.
        var config = new AmazonDynamoDBConfig { Timeout = options.Timeout, RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return config;
    }
}
