using System.Collections.Concurrent;
using Amazon.Runtime;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>Gives an AWS SDK client an HttpClient that records every request it sends (method, URL, headers).</summary>
public sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Recorder(Requests, new SocketsHttpHandler()));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Clear() => Requests.Clear();

    private sealed class Recorder(ConcurrentQueue<RecordedRequest> requests, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, headers));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
