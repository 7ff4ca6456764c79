using System.Net.Http.Headers;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// Sends signed Converse / ConverseStream requests over HTTP and turns error answers into typed exceptions.
/// One attempt per call; retries are the client's.
/// </summary>
internal sealed class BedrockTransport : IDisposable
{
    private readonly BedrockOptions _options;
    private readonly HttpClient _http;
    private readonly BedrockIdentity _identity;
    private readonly TimeProvider _time;

    public BedrockTransport(BedrockOptions options, BedrockIdentity identity, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options;
        _identity = identity;
        _time = time;
        handler ??= new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The base address requests go to.</summary>
    public Uri Endpoint => _options.Endpoint ?? new Uri($"https://bedrock-runtime.{_identity.Region}.amazonaws.com");

    /// <summary>The address of <paramref name="operation"/> (<c>converse</c> or <c>converse-stream</c>) for a model id, inference profile or ARN.</summary>
    public Uri Address(string modelId, string operation)
    {
        var endpoint = Endpoint;
        var prefix = endpoint.AbsolutePath.TrimEnd('/');
        return new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}{prefix}/model/{Uri.EscapeDataString(modelId)}/{operation}");
    }

    /// <summary>Sends one signed request; returns the response once its headers arrived, or throws a <see cref="ChatProviderException"/> for an error answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(string modelId, string operation, byte[] body, string accept, CancellationToken cancellationToken)
    {
        var credentials = await _identity.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var address = Address(modelId, operation);
        var now = _time.GetUtcNow().UtcDateTime;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("accept", accept),
            new("content-type", "application/json"),
            new("host", address.Authority),
            new("x-amz-date", BedrockSigner.AmzDate(now)),
        };
        var signed = BedrockSigner.Sign("POST", address.AbsolutePath, address.Query, headers, body, credentials, _identity.Region, BedrockSigner.Service, now);
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body), Version = new Version(1, 1) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Host = address.Authority;
        foreach (var (name, value) in signed.Headers.Where(h => h.Key.StartsWith("x-amz-", StringComparison.Ordinal)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("authorization", signed.Authorization);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw BedrockErrors.Create(BedrockErrors.ErrorType(response.Headers, text), (int)response.StatusCode, text, modelId, BedrockErrors.RetryAfter(response, _time.GetUtcNow()));
        }
    }

    public void Dispose() => _http.Dispose();
}
