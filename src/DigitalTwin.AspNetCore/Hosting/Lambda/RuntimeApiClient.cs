using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01): <c>invocation/next</c> (long poll, no client timeout), <c>invocation/{id}/response</c>,
/// <c>invocation/{id}/error</c> and <c>init/error</c>.
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        RuntimeApi = runtimeApi;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri("http://" + runtimeApi + "/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The <c>host:port</c> of the Runtime API.</summary>
    public string RuntimeApi { get; }

    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var id = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API answered invocation/next without Lambda-Runtime-Aws-Request-Id.");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new LambdaInvocation(id, deadline, Header(response, "Lambda-Runtime-Trace-Id"), Header(response, "Lambda-Runtime-Invoked-Function-Arn"), body);
    }

    /// <summary>Sends a buffered answer; false when Lambda refuses it as too large (413), which the caller reports as an error.</summary>
    public async Task<bool> PostResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(InvocationUri(requestId, "response"), content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task PostErrorAsync(string requestId, string errorType, string message, CancellationToken cancellationToken)
    {
        using var request = ErrorRequest(InvocationUri(requestId, "error"), errorType, message);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reports a start-up failure; synchronous, so it also works from a dying process.</summary>
    public void PostInitError(string errorType, string message)
    {
        using var request = ErrorRequest(new Uri("runtime/init/error", UriKind.Relative), errorType, message);
        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The error document Lambda expects: <c>errorMessage</c>, <c>errorType</c>, <c>stackTrace</c>.</summary>
    public static byte[] ErrorDocument(string errorType, string message)
    {
        // Written field by field: no serializer metadata needed (Native AOT), and the same bytes as before.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", message);
            json.WriteString("errorType", errorType);
            json.WriteStartArray("stackTrace");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _http.Dispose();

    private static Uri InvocationUri(string requestId, string action)
        => new("runtime/invocation/" + Uri.EscapeDataString(requestId) + "/" + action, UriKind.Relative);

    private static HttpRequestMessage ErrorRequest(Uri uri, string errorType, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(ErrorDocument(errorType, message)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
