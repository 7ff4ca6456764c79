using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace DigitalTwin.Memory.S3;

/// <summary>Creates the S3 client a store uses when none is registered in dependency injection.</summary>
internal static class S3ClientFactory
{
    /// <summary>
    /// A client for <paramref name="options"/>: its endpoint, region and timeout; credentials from <paramref name="credentials"/>
    /// or else the SDK's default chain; HTTP through <paramref name="httpClientFactory"/> when given (tests count requests).
    /// </summary>
    public static AmazonS3Client Create(S3StoreOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        var config = CreateConfig(options, httpClientFactory);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>The client settings for <paramref name="options"/>.</summary>
    public static AmazonS3Config CreateConfig(S3StoreOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var local = !string.IsNullOrWhiteSpace(options.ServiceUrl);
        var config = new AmazonS3Config
        {
            Timeout = options.Timeout,
            ForcePathStyle = options.ForcePathStyle ?? local,
            RetryMode = RequestRetryMode.Standard, // two retries after the first attempt, all inside the store's Timeout
            MaxErrorRetry = 2,
        };
        if (local)
        {
            config.ServiceURL = options.ServiceUrl;
            // S3-compatible servers do not all accept the trailing checksums AWS S3 takes by default.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
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
