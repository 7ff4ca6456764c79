using DigitalTwin.Configuration;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory;

/// <summary>
/// A twin's conversation store: chosen in configuration (<c>DigitalTwin:Store</c>), else in code (<c>Use…Store</c>, a keyed
/// service), else the shared default store. Configuration and code choosing both is a start-up error.
/// </summary>
internal static class TwinStoreSelector
{
    /// <summary>The store, and whether the caller owns it (made here from configuration) and must dispose it.</summary>
    public static (IConversationStore Store, bool Owned) Select(IServiceProvider services, string twin, DigitalTwinOptions options)
    {
        if (options.Store == TwinStoreKind.None)
        {
            return (services.GetKeyedService<IConversationStore>(twin) ?? services.GetRequiredService<IConversationStore>(), false);
        }

        if (services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IConversationStore), twin) == true)
        {
            throw new OptionsValidationException(twin, typeof(DigitalTwinOptions),
                [$"{TwinConfiguration.SectionPath(twin)}:Store is {options.Store}, but the code also chose a store (Use…Store): keep one of the two."]);
        }

        IConversationStore store = options.Store switch
        {
            TwinStoreKind.File => FileConversationStore.Create(services, twin),
            TwinStoreKind.S3 => S3ClientFactory.CreateStore(services, twin),
            TwinStoreKind.DynamoDB => DynamoDbClientFactory.CreateStore(services, twin),
            _ => new InMemoryConversationStore(services.GetService<TimeProvider>() ?? TimeProvider.System),
        };
        return (store, true);
    }
}
