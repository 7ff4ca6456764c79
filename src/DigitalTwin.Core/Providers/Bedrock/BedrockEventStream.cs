using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// One ConverseStream attempt: opens the response on the first read, then reads frames, each within the read timeout.
/// Exception frames (<c>:message-type</c> = exception) and error frames are thrown as <see cref="ChatProviderException"/>s.
/// </summary>
internal sealed class BedrockEventStream(BedrockTransport transport, TimeSpan readTimeout, string modelId, byte[] body) : IAsyncDisposable
{
    private HttpResponseMessage? _response;
    private Stream? _stream;
    private EventStreamReader? _reader;
    private readonly BedrockToolUseStream _toolUses = new();

    public async Task<EventStreamFrame?> NextAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(readTimeout);
        if (_reader is null)
        {
            _response = await transport.SendAsync(modelId, "converse-stream", body, "application/vnd.amazon.eventstream", timeout.Token).ConfigureAwait(false);
            _stream = await _response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            _reader = new EventStreamReader(_stream);
        }

        var frame = await _reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        if (frame is null)
        {
            return null;
        }

        var kind = frame.Header(":message-type");
        if (kind is "exception" or "error")
        {
            var type = kind == "exception" ? frame.Header(":exception-type") : frame.Header(":error-code");
            var payload = kind == "exception"
                ? Encoding.UTF8.GetString(frame.Payload)
                : new JsonObject { ["message"] = frame.Header(":error-message") }.ToJsonString();
            throw BedrockErrors.Create(type, status: null, payload, modelId, retryAfter: null);
        }

        return frame;
    }

    /// <summary>
    /// The update for an event frame, or <see langword="null"/> for events the caller does not need; tool-use blocks are
    /// collected across frames and come out as one function call at their <c>contentBlockStop</c>.
    /// </summary>
    public ChatResponseUpdate? ToUpdate(EventStreamFrame frame, string modelId, string responseId)
    {
        if (frame.Header(":event-type") is not { } eventType || frame.Payload.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(frame.Payload);
        return _toolUses.TryHandle(eventType, document.RootElement, modelId, responseId, out var toolUpdate)
            ? toolUpdate
            : BedrockResponseMapper.ToUpdate(eventType, document.RootElement, modelId, responseId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _response?.Dispose();
    }
}
