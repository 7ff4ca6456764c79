using System.Net;
using Amazon.Runtime;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>
/// Gives an AWS SDK client an HttpClient that answers the requests <paramref name="refuse"/> picks with S3's 403
/// AccessDenied (as a bucket policy that does not cover a key would) and sends every other request to the real server.
/// </summary>
public sealed class RefusingHttpClientFactory(Func<HttpRequestMessage, bool> refuse) : HttpClientFactory
{
    private readonly Func<HttpRequestMessage, bool> _refuse = refuse;
    private int _refused;

    /// <summary>How many requests were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Refuser(this, new SocketsHttpHandler()));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class Refuser(RefusingHttpClientFactory factory, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!factory._refuse(request))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref factory._refused);
            const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>test</RequestId></Error>";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/xml"),
            });
        }
    }
}
