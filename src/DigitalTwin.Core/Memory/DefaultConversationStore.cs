using DigitalTwin.Configuration;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTwin.Memory;

/// <summary>
/// The store twins use when none was chosen with a <c>Use…Store</c> call: the S3 store when the original twin's
/// <c>USE_S3</c> setting is <c>true</c> (bucket from <c>S3_BUCKET</c> or <c>DigitalTwin:S3Store</c>), else the file store.
/// </summary>
internal static class DefaultConversationStore
{
    public static IConversationStore Create(IServiceProvider services) => UsesS3(services.GetService<IConfiguration>())
        ? S3ClientFactory.CreateStore(services, DigitalTwinDefaults.TwinName)
        : FileConversationStore.Create(services, DigitalTwinDefaults.TwinName);

    /// <summary>Whether <c>USE_S3</c> is <c>true</c> (case-insensitive, as the original twin read it).</summary>
    public static bool UsesS3(IConfiguration? configuration) =>
        string.Equals(TwinConfiguration.Setting(configuration, "USE_S3"), "true", StringComparison.OrdinalIgnoreCase);
}
