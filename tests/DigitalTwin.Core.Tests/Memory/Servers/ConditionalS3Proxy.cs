using System.Net;
using Amazon.S3;
using DigitalTwin.Memory.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>
/// A loopback HTTP proxy in front of s3rver that enforces what s3rver ignores: <c>If-None-Match: *</c> and
/// <c>If-Match: {ETag}</c> on object PUTs and DELETEs. It serves one request at a time: for a conditional write it looks
/// the object up in s3rver and either refuses the write as AWS S3 does (412 PreconditionFailed, or 404 NoSuchKey for
/// If-Match on a missing object, with S3's XML error body) or forwards it, so check and write are atomic. Requests are
/// forwarded untouched, Host header included, so SigV4 signatures still verify.
/// </summary>
public sealed class ConditionalS3Proxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly AmazonS3Client _s3;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _refused;

    private ConditionalS3Proxy(WebApplication app, string upstreamUrl)
    {
        _app = app;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(upstreamUrl) };
        _s3 = S3ClientFactory.Create(new S3StoreOptions { Bucket = S3ServerFixture.Bucket, ServiceUrl = upstreamUrl, Region = "us-east-1" }, S3ServerFixture.Credentials);
    }

    public string Url { get; private set; } = "";

    /// <summary>How many conditional writes the proxy refused (proof that the conditions were in play).</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static async Task<ConditionalS3Proxy> StartAsync(string upstreamUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new ConditionalS3Proxy(app, upstreamUrl);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
        _s3.Dispose();
        _gate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value!.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);

        // One request at a time: s3rver writes an object's data and metadata separately, so a GET racing a PUT of the same
        // key can read a half-written object, where AWS S3 is atomic per request.
        await _gate.WaitAsync();
        try
        {
            if (context.Request.Method is ("PUT" or "DELETE") && slash > 0
                && await RefusalAsync(context.Request, path[..slash], path[(slash + 1)..]) is { } refusal)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = (int)refusal.Status;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(
                    $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{refusal.Code}</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>{refusal.Condition}</Condition><RequestId>proxy</RequestId><HostId>proxy</HostId></Error>""");
                return;
            }

            await ForwardAsync(context, body);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(HttpStatusCode Status, string Code, string Condition)?> RefusalAsync(HttpRequest request, string bucket, string key)
    {
        var ifNoneMatch = request.Headers["If-None-Match"].ToString();
        var ifMatch = request.Headers["If-Match"].ToString();
        if (ifNoneMatch.Length == 0 && ifMatch.Length == 0)
        {
            return null;
        }

        string? etag;
        try
        {
            etag = (await _s3.GetObjectMetadataAsync(bucket, key)).ETag;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            etag = null;
        }

        if (ifNoneMatch == "*" && etag is not null)
        {
            return (HttpStatusCode.PreconditionFailed, "PreconditionFailed", "If-None-Match");
        }

        if (ifMatch.Length > 0 && etag is null)
        {
            return (HttpStatusCode.NotFound, "NoSuchKey", "If-Match");
        }

        return ifMatch.Length > 0 && ifMatch != "*" && ifMatch.Trim('"') != etag!.Trim('"')
            ? (HttpStatusCode.PreconditionFailed, "PreconditionFailed", "If-Match")
            : null;
    }

    private async Task ForwardAsync(HttpContext context, byte[] body)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget; // exactly the path and query the client signed
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (body.Length > 0 || context.Request.Method is "PUT" or "POST")
        {
            request.Content = new ByteArrayContent(body);
        }

        request.Headers.Host = context.Request.Host.Value;
        foreach (var (name, values) in context.Request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key) || h.Key == "Content-Length"))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body);
    }
}
