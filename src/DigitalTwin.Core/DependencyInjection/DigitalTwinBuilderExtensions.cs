using System.Diagnostics.CodeAnalysis;
using DigitalTwin.Memory;
using DigitalTwin.Providers;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses a twin's model provider and conversation store.</summary>
public static class DigitalTwinBuilderExtensions
{
    /// <summary>Uses <paramref name="chatClient"/> (any Microsoft.Extensions.AI <see cref="IChatClient"/>) as the twin's model. The caller owns its lifetime.</summary>
    public static IDigitalTwinBuilder UseChatClient(this IDigitalTwinBuilder builder, IChatClient chatClient)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        return builder.UseChatClient(_ => new CallerOwnedChatClient(chatClient));
    }

    /// <summary>Uses the <see cref="IChatClient"/> made by <paramref name="factory"/> as the twin's model; the container disposes it.</summary>
    public static IDigitalTwinBuilder UseChatClient(this IDigitalTwinBuilder builder, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        return builder.UseProvider(factory, "UseChatClient(...)");
    }

    /// <summary>Adds <paramref name="configure"/> to the twin's <typeparamref name="TOptions"/> (named after the twin), checked when the host starts.</summary>
    internal static IDigitalTwinBuilder ConfigureOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IDigitalTwinBuilder builder, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TOptions>(builder.Name).Configure(configure ?? (static _ => { })).ValidateOnStart();
        return builder;
    }

    /// <summary>Records the provider chosen in code (<paramref name="call"/> names the call in messages).</summary>
    internal static IDigitalTwinBuilder UseProvider(this IDigitalTwinBuilder builder, Func<IServiceProvider, IChatClient> factory, string call)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipeline = TwinChatPipeline.For(builder.Services, builder.Name);
        (pipeline.Provider, pipeline.ProviderCall) = (factory, call);
        return builder;
    }

    /// <summary>
    /// Adds Microsoft.Extensions.AI middleware to the twin's model pipeline, between the provider and the twin's resilience and
    /// telemetry layers, for example <c>.ConfigureChatClient(b => b.UseDistributedCache(cache).Use(myMiddleware))</c>.
    /// Calls add up in order; the first added is the outermost of them. The finished pipeline is also resolvable as the keyed
    /// <see cref="IChatClient"/> service named after the twin.
    /// </summary>
    public static IDigitalTwinBuilder ConfigureChatClient(this IDigitalTwinBuilder builder, Action<ChatClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        TwinChatPipeline.For(builder.Services, builder.Name).Middleware.Add(configure);
        return builder;
    }

    /// <summary>Uses <paramref name="store"/> for the twin's conversations.</summary>
    public static IDigitalTwinBuilder UseStore(this IDigitalTwinBuilder builder, Func<IServiceProvider, IConversationStore> store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddKeyedSingleton(builder.Name, (sp, _) => store(sp));
        return builder;
    }

    /// <summary>
    /// Keeps the twin's conversations in files: one append-only file per session under <see cref="FileStoreOptions.Directory"/>
    /// (default <c>memory</c>, or the original's <c>MEMORY_DIR</c> variable; section <c>DigitalTwin:FileStore</c>).
    /// </summary>
    public static IDigitalTwinBuilder UseFileStore(this IDigitalTwinBuilder builder, Action<FileStoreOptions>? configure = null)
        => builder.ConfigureOptions(configure).UseStore(sp => FileConversationStore.Create(sp, builder.Name));

    /// <summary>Keeps the twin's conversations in process memory: lost on restart, not shared between hosts. For tests and demos.</summary>
    public static IDigitalTwinBuilder UseInMemoryStore(this IDigitalTwinBuilder builder)
        => builder.UseStore(sp => new InMemoryConversationStore(sp.GetService<TimeProvider>() ?? TimeProvider.System));
}
