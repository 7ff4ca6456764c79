using DigitalTwin;
using DigitalTwin.Configuration;
using DigitalTwin.Diagnostics;
using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Configuration;
using DigitalTwin.Providers;
using DigitalTwin.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// One twin's model client as a Microsoft.Extensions.AI pipeline, outermost first: when the twin has tools,
/// <see cref="FunctionInvokingChatClient"/> (outside resilience, so a retried model call never runs a tool again),
/// <see cref="OpenTelemetryChatClient"/>
/// (gen_ai spans and metrics under <see cref="DigitalTwinDiagnostics.ActivitySourceName"/>), <see cref="LoggingChatClient"/>,
/// the twin's resilience pipeline, the user's middleware (<c>ConfigureChatClient</c>), then the provider. Registered per twin
/// and resolved as the keyed <see cref="IChatClient"/> named after the twin.
/// </summary>
internal sealed class TwinChatPipeline(string name)
{
    /// <summary>The provider chosen in code, if any.</summary>
    public Func<IServiceProvider, IChatClient>? Provider { get; set; }

    /// <summary>The call that chose <see cref="Provider"/>, for messages (for example <c>UseOpenAI()</c>).</summary>
    public string? ProviderCall { get; set; }

    public List<Action<ChatClientBuilder>> Middleware { get; } = [];

    /// <summary>The user's tools (<c>AddTool</c>), offered in every turn.</summary>
    public List<AIFunction> Tools { get; } = [];

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
        var provider = CreateProvider(services, options);
        var builder = new ChatClientBuilder(provider);
        if (options.Tools.LeadCapture || Tools.Count > 0)
        {
            // A round per allowed tool call and one more that sees further calls refused; then function invocation asks once
            // more without tools, so the model has to answer.
            builder.UseFunctionInvocation(loggers, f =>
            {
                f.MaximumIterationsPerRequest = options.Tools.MaxToolCallsPerTurn + 1;
                f.IncludeDetailedErrors = false;
                f.AllowConcurrentInvocation = false;
            });
        }

        builder.UseOpenTelemetry(loggers, DigitalTwinDiagnostics.ActivitySourceName, c => c.EnableSensitiveData = options.RecordMessageContent);
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

    /// <summary>
    /// The provider: chosen in configuration (<c>DigitalTwin:Provider</c>), else in code, else an <see cref="IChatClient"/> the app
    /// registered, else OpenAI when the original twin's <c>OPENAI_API_KEY</c> or <c>OPENAI_BASE_URL</c> is set (default twin),
    /// else a client whose calls say what to set. Configuration and code choosing both is a start-up error.
    /// </summary>
    private IChatClient CreateProvider(IServiceProvider services, DigitalTwinOptions options)
    {
        var section = TwinConfiguration.SectionPath(name);
        if (options.Provider != TwinProviderKind.None && ProviderCall is not null)
        {
            throw new OptionsValidationException(name, typeof(DigitalTwinOptions),
                [$"{section}:Provider is {options.Provider}, but the code also chose a provider with {ProviderCall}: keep one of the two."]);
        }

        return options.Provider switch
        {
            TwinProviderKind.OpenAI => OpenAIProvider.Create(services, name, required: true),
            TwinProviderKind.Bedrock => BedrockDigitalTwinBuilderExtensions.CreateClient(services, name),
            _ => Provider?.Invoke(services)
                ?? (services.GetService<IChatClient>() is { } shared ? new CallerOwnedChatClient(shared) : null)
                ?? (TwinConfiguration.IsDefault(name) && OpenAIProviderOptions.IsConfigured(services.GetService<IConfiguration>())
                    ? OpenAIProvider.Create(services, name, required: false)
                    : new UnconfiguredChatClient(
                        $"No model provider is configured for the twin '{name}': set {section}:Provider to OpenAI (with OPENAI_API_KEY) or Bedrock, " +
                        "or call .UseOpenAI(), .UseBedrock() or .UseChatClient(...) after AddDigitalTwin.")),
        };
    }
}
