using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DigitalTwin.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>Creates the store for dependency injection: its options by name, a registered client or a new one, the logger and clock.</summary>
internal static class DynamoDbStoreFactory
{
    public static DynamoDbConversationStore Create(IServiceProvider services, string optionsName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<DynamoDbStoreOptions>>().Get(optionsName);
        var client = services.GetKeyedService<IAmazonDynamoDB>(optionsName) ?? services.GetService<IAmazonDynamoDB>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Memory.DynamoDb") ?? NullLogger.Instance;
        return new DynamoDbConversationStore(client ?? CreateClient(options, optionsName), client is null, options, services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDbStoreOptions options, string optionsName)
    {
        try
        {
            return DynamoDbClientFactory.Create(options);
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidOperationException(
                $"The DynamoDB store could not create its AWS client ({ex.Message}): set {TwinConfiguration.SectionPath(optionsName)}:DynamoDbStore:Region, " +
                "or AWS_REGION (or a region in the AWS profile), or ServiceUrl for a DynamoDB-compatible server.", ex);
        }
    }
}
