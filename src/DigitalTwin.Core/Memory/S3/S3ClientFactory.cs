using Amazon.Runtime;
using Amazon.S3;
using DigitalTwin.Memory.Aws;

namespace DigitalTwin.Memory.S3;

/// <summary>Creates the S3 store for dependency injection, and its client when none is registered there (see <see cref="AwsClients"/>).</summary>
internal static class S3ClientFactory
{
    public static S3ConversationStore CreateStore(IServiceProvider services, string twin) =>
        AwsClients.CreateStore<IAmazonS3, S3StoreOptions, S3ConversationStore>(
            services, twin, "S3Store", "DigitalTwin.Memory.S3", static options => Create(options), static (client, owned, options, time, logger) => new(client, owned, options, time, logger));

    /// <summary>A client for <paramref name="options"/>; credentials from <paramref name="credentials"/> or else the SDK's default chain.</summary>
    public static AmazonS3Client Create(S3StoreOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        var config = CreateConfig(options, httpClientFactory);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>The client settings for <paramref name="options"/>: the shared ones, plus path-style addressing and checksums for S3-compatible servers.</summary>
    public static AmazonS3Config CreateConfig(S3StoreOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var local = !string.IsNullOrWhiteSpace(options.ServiceUrl);
        var config = AwsClients.Configure(new AmazonS3Config { ForcePathStyle = options.ForcePathStyle ?? local }, options.ServiceUrl, options.Region, options.Timeout, httpClientFactory);
        if (local)
        {
            // S3-compatible servers do not all accept the trailing checksums AWS S3 takes by default.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }
}
