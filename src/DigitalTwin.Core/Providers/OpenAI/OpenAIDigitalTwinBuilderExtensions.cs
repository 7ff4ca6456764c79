using DigitalTwin;
using DigitalTwin.Configuration;
using DigitalTwin.Providers;
using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenAI provider.</summary>
public static class OpenAIDigitalTwinBuilderExtensions
{
    /// <summary>
    /// Answers with OpenAI's Chat Completions API (or an OpenAI-compatible server), configured from <c>OPENAI_API_KEY</c>,
    /// <c>OPENAI_BASE_URL</c>, <c>OPENAI_MODEL</c>, then the section <c>DigitalTwin:OpenAI</c>, then <paramref name="configure"/>.
    /// Without an API key (and no custom endpoint) the app still starts, and chat answers 503 saying what to set.
    /// </summary>
    public static IDigitalTwinBuilder UseOpenAI(this IDigitalTwinBuilder builder, Action<OpenAIProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.AddTwinOptions(name, "OpenAI", static (IConfiguration c, OpenAIProviderOptions o) => c.Bind(o), OpenAIProviderOptions.FromEnvironment, configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIProviderOptions>, OpenAIProviderOptionsValidator>());
        return builder.UseChatClient(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>().Get(name);
            return string.IsNullOrWhiteSpace(options.ApiKey) && options.Endpoint is null
                ? new UnconfiguredChatClient(
                    $"The OpenAI provider of the twin '{name}' has no API key: set the OPENAI_API_KEY environment variable " +
                    $"(or {TwinConfiguration.SectionPath(name)}:OpenAI:ApiKey), or OPENAI_BASE_URL for an OpenAI-compatible server that needs no key.")
                : OpenAIProvider.Create(options, sp.GetService<TimeProvider>());
        });
    }
}
