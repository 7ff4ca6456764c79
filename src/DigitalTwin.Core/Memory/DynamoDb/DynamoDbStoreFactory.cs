using Amazon.DynamoDBv2;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>Creates the store for dependency injection: its options by name, its client (<see cref="AwsClients"/>), the logger and clock.</summary>
internal static class DynamoDbStoreFactory
{
    public static DynamoDbConversationStore Create(IServiceProvider services, string twin)
    {
        var options = services.GetRequiredService<IOptionsMonitor<DynamoDbStoreOptions>>().Get(twin);
        var (client, owned) = AwsClients.Resolve<IAmazonDynamoDB>(services, twin, "DynamoDbStore", () => DynamoDbClientFactory.Create(options));
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Memory.DynamoDb") ?? NullLogger.Instance;
        return new DynamoDbConversationStore(client, owned, options, services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
    }
}
