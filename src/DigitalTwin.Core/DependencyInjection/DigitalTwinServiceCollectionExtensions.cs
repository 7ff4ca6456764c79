using DigitalTwin;
using DigitalTwin.Analytics;
using DigitalTwin.Configuration;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Notifications;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers digital twins with dependency injection.</summary>
public static class DigitalTwinServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default twin (named <see cref="DigitalTwinDefaults.TwinName"/>), configured from the <c>DigitalTwin</c>
    /// configuration section and then <paramref name="configure"/>. Chain <c>.UseOpenAI()</c> (or another provider) and,
    /// optionally, a store; the file store under <c>memory/</c> is the default (the S3 store when the original's
    /// <c>USE_S3</c> variable is <c>true</c>).
    /// </summary>
    public static IDigitalTwinBuilder AddDigitalTwin(this IServiceCollection services, Action<DigitalTwinOptions>? configure = null)
        => services.AddDigitalTwin(DigitalTwinDefaults.TwinName, configure);

    /// <summary>
    /// Registers a named twin, configured from <c>DigitalTwin:Twins:{name}</c> and then <paramref name="configure"/>.
    /// Each twin has its own persona, provider settings and conversation namespace.
    /// </summary>
    /// <exception cref="InvalidOperationException">A twin with that name is already registered.</exception>
    public static IDigitalTwinBuilder AddDigitalTwin(this IServiceCollection services, string name, Action<DigitalTwinOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (services.Any(d => d.ImplementationInstance is DigitalTwinRegistration r && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A digital twin named '{name}' is already registered; give each AddDigitalTwin call a different name.");
        }

        services.AddSingleton(new DigitalTwinRegistration(name));
        var pipeline = new TwinChatPipeline(name);
        services.AddKeyedSingleton(name, pipeline);
        services.AddKeyedSingleton<IChatClient>(name, (sp, _) => pipeline.Build(sp));
        services.AddTwinSettings(name);
        services.AddTwinSettings(DigitalTwinDefaults.TwinName); // the default store's settings (file, or S3 with USE_S3=true)
        services.AddOptions<DigitalTwinOptions>(name).Configure(configure ?? (static _ => { })).ValidateOnStart();
        services.AddOptions<FileStoreOptions>(DigitalTwinDefaults.TwinName).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DefaultConversationStore.Create);
        services.TryAddSingleton<IDigitalTwinCatalog, DigitalTwinCatalog>();
        services.TryAddSingleton<OwnerRecordsReader>();
        services.TryAddSingleton<IOwnerRecordsReader>(sp => sp.GetRequiredService<OwnerRecordsReader>());
        services.TryAddSingleton<IConversationAnalytics, ConversationAnalytics>();
        services.AddOptions<OwnerNotificationOptions>(name).ValidateOnStart();
        services.TryAddSingleton(sp => new OwnerNotifier( // logging is optional for twins, so for their notifier too
            sp.GetRequiredService<IDigitalTwinCatalog>(), sp.GetRequiredService<OwnerRecordsReader>(), sp.GetRequiredService<IOptionsMonitor<OwnerNotificationOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton<IOwnerNotifier>(sp => sp.GetRequiredService<OwnerNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OwnerNotificationService>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IDigitalTwinCatalog>().Find(DigitalTwinDefaults.TwinName)
            ?? throw new InvalidOperationException("No default twin is registered: call AddDigitalTwin() without a name, or resolve named twins from IDigitalTwinCatalog."));
        services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredService<IDigitalTwinCatalog>().Find(name)!);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DigitalTwinWarmup>());
        return new DigitalTwinBuilder(name, services);
    }
}
