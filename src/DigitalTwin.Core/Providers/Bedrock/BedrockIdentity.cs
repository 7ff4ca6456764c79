using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// The region and credentials requests are signed with: the configured ones, else AWSSDK.Core's default chains
/// (<see cref="FallbackRegionFactory"/>, <see cref="DefaultAWSCredentialsIdentityResolver"/>). Resolved once; the SDK's
/// credential objects refresh temporary credentials (Lambda, SSO, container and instance roles) as they near expiry.
/// </summary>
internal sealed class BedrockIdentity(BedrockOptions options)
{
    private readonly Lazy<string> _region = new(() => ResolveRegion(options), LazyThreadSafetyMode.PublicationOnly);
    private AWSCredentials? _credentials = options.Credentials;

    public string Region => _region.Value;

    public async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_credentials is null)
            {
                using var resolver = new DefaultAWSCredentialsIdentityResolver();
                _credentials = await resolver.ResolveIdentityAsync(null!, cancellationToken).ConfigureAwait(false);
            }

            var resolved = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
            return resolved ?? throw new AmazonClientException("The credential provider returned no credentials.");
        }
        catch (AmazonClientException ex)
        {
            throw new ChatProviderException(ChatProviderFailure.NotConfigured,
                "No AWS credentials were found for Amazon Bedrock: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
                + "credentials), use an AWS profile or SSO login, or run with an IAM role (Lambda, ECS, EC2). " + ex.GetType().Name + ".", ex)
            {
                Provider = BedrockChatClient.ProviderName,
            };
        }
    }

    private static string ResolveRegion(BedrockOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return options.Region.Trim();
        }

        try
        {
            if (FallbackRegionFactory.GetRegionEndpoint()?.SystemName is { Length: > 0 } region)
            {
                return region;
            }
        }
        catch (AmazonClientException)
        {
        }

        throw new ChatProviderException(ChatProviderFailure.NotConfigured,
            "No AWS region is set for Amazon Bedrock: set DigitalTwin:Bedrock:Region, DEFAULT_AWS_REGION or AWS_REGION (for example us-east-1).")
        {
            Provider = BedrockChatClient.ProviderName,
        };
    }
}
