using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// An <see cref="IChatClient"/> over the Amazon Bedrock Runtime Converse and ConverseStream APIs: SigV4-signed HTTP,
/// typed errors and a per-read timeout. One attempt per call: retries, like for every provider, are the twin's resilience pipeline's.
/// </summary>
internal sealed partial class BedrockChatClient : IChatClient
{
    public const string ProviderName = "aws.bedrock";

    // The body is JSON for an API, not HTML: non-ASCII text goes as UTF-8 rather than \u escapes.
    private static readonly JsonWriterOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BedrockOptions _options;
    private readonly BedrockTransport _transport;
    private readonly ILogger _logger;

    public BedrockChatClient(BedrockOptions options, ILogger logger, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _transport = new BedrockTransport(options, new BedrockIdentity(options), time ?? TimeProvider.System, handler);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var modelId = options?.ModelId ?? _options.ModelId;
        var body = Body(messages, options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadTimeout);
        try
        {
            using var response = await _transport.SendAsync(modelId, "converse", body, "application/json", timeout.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token).ConfigureAwait(false);
                return BedrockResponseMapper.ToChatResponse(document.RootElement, modelId);
            }
        }
        catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
        {
            throw Failed(ex, modelId);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var modelId = options?.ModelId ?? _options.ModelId;
        var body = Body(messages, options);
        var responseId = Guid.NewGuid().ToString("N");
        var finished = false;
        var stream = new BedrockEventStream(_transport, _options.ReadTimeout, modelId, body);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                ChatResponseUpdate? update;
                try
                {
                    var frame = await stream.NextAsync(cancellationToken).ConfigureAwait(false);
                    if (frame is null && finished)
                    {
                        yield break;
                    }

                    update = frame is null
                        ? throw new ChatProviderException(ChatProviderFailure.Unavailable, $"Amazon Bedrock's stream for model '{modelId}' ended before messageStop.") { Provider = ProviderName }
                        : stream.ToUpdate(frame, modelId, responseId);
                    finished |= update?.FinishReason is not null;
                }
                catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
                {
                    throw Failed(ex, modelId);
                }

                if (update is not null)
                {
                    yield return update;
                }
            }
        }
    }

    /// <summary>The request body, written straight from the JSON tree (no serializer metadata: Native AOT safe).</summary>
    private byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, BodyJson))
        {
            BedrockRequestBuilder.Build(messages, options, _options).WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private ChatProviderException Failed(Exception ex, string modelId)
    {
        var error = Classify(ex, modelId);
        LogFailed(_logger, modelId, error.Failure, error.StatusCode);
        return error;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            Uri? endpoint;
            try
            {
                endpoint = _transport.Endpoint;
            }
            catch (ChatProviderException)
            {
                endpoint = null; // no region yet: the metadata still names the provider and model
            }

            return new ChatClientMetadata(ProviderName, endpoint, _options.ModelId);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _transport.Dispose();
}
