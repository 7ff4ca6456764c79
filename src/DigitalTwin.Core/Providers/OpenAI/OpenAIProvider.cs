using System.ClientModel;
using System.ClientModel.Primitives;
using DigitalTwin.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>
/// Creates a twin's OpenAI model client: the official SDK's chat client through Microsoft's mapping (<c>AsIChatClient()</c>),
/// the provider's default sampling settings (<see cref="ChatClientBuilder"/>'s <c>ConfigureOptions</c>), and
/// <see cref="OpenAIErrorChatClient"/> for typed errors.
/// </summary>
internal static class OpenAIProvider
{
    public const string Name = "openai";

    /// <summary>
    /// The twin's OpenAI client from its options. Without an API key (and no custom endpoint): when OpenAI was chosen in code,
    /// a client whose calls say what to set (the app starts, chat answers 503); when <paramref name="required"/> (chosen in
    /// configuration), the start fails with that message.
    /// </summary>
    public static IChatClient Create(IServiceProvider services, string twin, bool required)
    {
        var options = services.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>().Get(twin);
        if (!string.IsNullOrWhiteSpace(options.ApiKey) || options.Endpoint is not null)
        {
            return Create(options, services.GetService<TimeProvider>());
        }

        var message = $"The OpenAI provider of the twin '{twin}' has no API key: set the OPENAI_API_KEY environment variable " +
            $"(or {TwinConfiguration.SectionPath(twin)}:OpenAI:ApiKey), or OPENAI_BASE_URL for an OpenAI-compatible server that needs no key.";
        return required ? throw new OptionsValidationException(twin, typeof(OpenAIProviderOptions), [message]) : new UnconfiguredChatClient(message);
    }

    public static IChatClient Create(OpenAIProviderOptions options, TimeProvider? time = null, PipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            NetworkTimeout = options.Timeout,
            OrganizationId = options.Organization,
        };
        if (options.Endpoint is not null)
        {
            clientOptions.Endpoint = options.Endpoint;
        }

        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        // OpenAI-compatible servers without authentication still need a credential object; any text works for them.
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey;
        var client = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
        return new OpenAIErrorChatClient(client, time ?? TimeProvider.System)
            .AsBuilder()
            .ConfigureOptions(o =>
            {
                o.Temperature ??= options.Temperature;
                o.MaxOutputTokens ??= options.MaxOutputTokens;
            })
            .Build();
    }
}
