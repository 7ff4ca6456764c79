using DigitalTwin;
using DigitalTwin.Diagnostics;
using DigitalTwin.Providers;
using DigitalTwin.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// One twin's model client as a Microsoft.Extensions.AI pipeline, outermost first: <see cref="OpenTelemetryChatClient"/>
/// (gen_ai spans and metrics under <see cref="DigitalTwinDiagnostics.ActivitySourceName"/>), <see cref="LoggingChatClient"/>,
/// the twin's resilience pipeline, the user's middleware (<c>ConfigureChatClient</c>), then the provider. Registered per twin
/// and resolved as the keyed <see cref="IChatClient"/> named after the twin.
/// </summary>
internal sealed class TwinChatPipeline(string name)
{
    public Func<IServiceProvider, IChatClient>? Provider { get; set; }

    public List<Action<ChatClientBuilder>> Middleware { get; } = [];

    /// <summary>The pipeline registered for <paramref name="twin"/> by <c>AddDigitalTwin</c>.</summary>
    public static TwinChatPipeline For(IServiceCollection services, string twin) =>
        services.Where(d => d.IsKeyedService && d.ServiceType == typeof(TwinChatPipeline) && Equals(d.ServiceKey, twin))
            .Select(d => (TwinChatPipeline)d.KeyedImplementationInstance!)
            .LastOrDefault()
        ?? throw new InvalidOperationException($"No digital twin named '{twin}' is registered: call AddDigitalTwin(\"{twin}\") first.");

    public IChatClient Build(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get(name);
        var loggers = services.GetService<ILoggerFactory>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var provider = Provider?.Invoke(services)
            ?? (services.GetService<IChatClient>() is { } shared ? new CallerOwnedChatClient(shared) : null)
            ?? (IChatClient)new UnconfiguredChatClient(
                $"No model provider is configured for the twin '{name}'. Set OPENAI_API_KEY (or DigitalTwin:OpenAI:ApiKey) and call .UseOpenAI(), " +
                "or call .UseBedrock() or .UseChatClient(...) after AddDigitalTwin.");
        var builder = new ChatClientBuilder(provider)
            .UseOpenTelemetry(loggers, DigitalTwinDiagnostics.ActivitySourceName, c => c.EnableSensitiveData = options.RecordMessageContent);
        if (loggers is not null)
        {
            builder.UseLogging(loggers);
        }

        if (options.Resilience.Enabled)
        {
            var pipeline = ChatResiliencePipeline.Create(options.Resilience, time);
            builder.Use(inner => new ResilientChatClient(inner, pipeline, options.Resilience, time));
        }

        foreach (var configure in Middleware)
        {
            configure(builder);
        }

        return builder.Build(services);
    }
}
