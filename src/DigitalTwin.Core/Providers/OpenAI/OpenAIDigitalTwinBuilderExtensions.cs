using DigitalTwin.Providers.OpenAI;

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
        => builder.ConfigureOptions(configure).UseProvider(sp => OpenAIProvider.Create(sp, builder.Name, required: false), "UseOpenAI()");
}
