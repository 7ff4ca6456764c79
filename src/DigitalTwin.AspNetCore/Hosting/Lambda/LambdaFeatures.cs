using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>The features of one invocation's HttpContext, as a server provides them to <c>IHttpApplication</c>.</summary>
internal sealed class LambdaFeatures : IHttpRequestBodyDetectionFeature
{
    private LambdaFeatures(bool canHaveBody) => CanHaveBody = canHaveBody;

    public bool CanHaveBody { get; }

    public static FeatureCollection Create(LambdaRequest request, LambdaInvocation invocation, LambdaResponse response, CancellationToken aborted)
    {
        if (invocation.TraceId is { Length: > 0 } trace)
        {
            request.Headers["X-Amzn-Trace-Id"] = trace;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = request.Scheme,
            Method = request.Method,
            PathBase = request.PathBase,
            Path = request.Path,
            QueryString = request.QueryString,
            RawTarget = request.RawTarget,
            Headers = request.Headers,
            Body = new MemoryStream(request.Body, writable: false),
        });
        features.Set<IHttpRequestBodyDetectionFeature>(new LambdaFeatures(request.Body.Length > 0));
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = invocation.RequestId,
            RemoteIpAddress = request.RemoteIpAddress,
            RemotePort = 0,
            LocalIpAddress = IPAddress.Loopback,
            LocalPort = 0,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = aborted });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature
        {
            TraceIdentifier = invocation.TraceId is { Length: > 0 } id ? id : invocation.RequestId,
        });
        return features;
    }
}
