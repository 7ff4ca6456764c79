using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using AI = Microsoft.Extensions.AI;
using OAI = OpenAI.Chat;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>An <see cref="IChatClient"/> over the official OpenAI SDK's Chat Completions client.</summary>
internal sealed class OpenAIChatClient : IChatClient
{
    private readonly OAI.ChatClient _client;
    private readonly OpenAIProviderOptions _options;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClient(OpenAIProviderOptions options, PipelineTransport? transport = null)
    {
        _options = options;
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
        _client = new OAI.ChatClient(options.Model, new ApiKeyCredential(key), clientOptions);
        _metadata = new ChatClientMetadata("openai", options.Endpoint ?? new Uri("https://api.openai.com/v1"), options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        OAI.ChatCompletion completion;
        try
        {
            completion = (await _client.CompleteChatAsync(OpenAIMessageMapper.ToOpenAI(messages), CreateOptions(options), cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw OpenAIErrors.Map(ex);
        }

        var text = string.Concat(completion.Content.Where(p => p.Kind == OAI.ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AI.ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = completion.Model,
            ResponseId = completion.Id,
            CreatedAt = completion.CreatedAt,
            FinishReason = OpenAIMessageMapper.ToFinishReason(completion.FinishReason),
            Usage = OpenAIMessageMapper.ToUsage(completion.Usage),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = _client.CompleteChatStreamingAsync(OpenAIMessageMapper.ToOpenAI(messages), CreateOptions(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    throw OpenAIErrors.Map(ex);
                }

                yield return OpenAIMessageMapper.ToUpdate(updates.Current);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(OAI.ChatClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private OAI.ChatCompletionOptions CreateOptions(ChatOptions? options) => new()
    {
        Temperature = options?.Temperature ?? _options.Temperature,
        MaxOutputTokenCount = options?.MaxOutputTokens ?? _options.MaxOutputTokens,
        TopP = options?.TopP,
    };
}
