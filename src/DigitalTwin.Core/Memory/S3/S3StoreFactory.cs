using Amazon.S3;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.S3;

/// <summary>Creates the store for dependency injection: its options by name, its client (<see cref="AwsClients"/>), the logger and clock.</summary>
internal static class S3StoreFactory
{
    public static S3ConversationStore Create(IServiceProvider services, string twin)
    {
        var options = services.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(twin);
        var (client, owned) = AwsClients.Resolve<IAmazonS3>(services, twin, "S3Store", () => S3ClientFactory.Create(options));
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Memory.S3") ?? NullLogger.Instance;
        return new S3ConversationStore(client, owned, options, services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
    }
}
