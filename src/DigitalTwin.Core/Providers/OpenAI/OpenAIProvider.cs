using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
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
