using Amazon.Runtime;
using Amazon.S3;
using DigitalTwin.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.S3;

/// <summary>Creates the store for dependency injection: its options by name, a registered client or a new one, the logger and clock.</summary>
internal static class S3StoreFactory
{
    public static S3ConversationStore Create(IServiceProvider services, string optionsName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(optionsName);
        var client = services.GetKeyedService<IAmazonS3>(optionsName) ?? services.GetService<IAmazonS3>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Memory.S3") ?? NullLogger.Instance;
        return new S3ConversationStore(client ?? CreateClient(options, optionsName), client is null, options, services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
    }

    private static AmazonS3Client CreateClient(S3StoreOptions options, string optionsName)
    {
        try
        {
            return S3ClientFactory.Create(options);
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidOperationException(
                $"The S3 store could not create its AWS client ({ex.Message}): set {TwinConfiguration.SectionPath(optionsName)}:S3Store:Region, " +
                "or AWS_REGION (or a region in the AWS profile), or ServiceUrl for an S3-compatible server.", ex);
        }
    }
}
