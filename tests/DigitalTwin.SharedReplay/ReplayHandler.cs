using System.Net;
using System.Net.Http.Headers;

namespace DigitalTwin.SharedReplay;

/// <summary>Answers every request with one recorded response (status, headers, body); optionally hands the body out in tiny reads.</summary>
internal sealed class ReplayHandler(int status, IReadOnlyDictionary<string, string> headers, byte[] body, int readSize = 0) : HttpMessageHandler
{
    /// <summary>The headers of a recorded Converse (JSON) answer.</summary>
    public static readonly IReadOnlyDictionary<string, string> JsonHeaders = new Dictionary<string, string> { ["content-type"] = "application/json" };

    /// <summary>The headers of a recorded ConverseStream (event stream) answer.</summary>
    public static readonly IReadOnlyDictionary<string, string> StreamHeaders = new Dictionary<string, string> { ["content-type"] = "application/vnd.amazon.eventstream" };

    public HttpRequestMessage? LastRequest { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        Stream stream = readSize > 0 ? new TrickleStream(body, readSize) : new MemoryStream(body);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StreamContent(stream), RequestMessage = request };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return Task.FromResult(response);
    }

    /// <summary>A read-only stream that returns at most a few bytes per read, to split frames at every offset.</summary>
    private sealed class TrickleStream(byte[] data, int size) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, size));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, size)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, size)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, size), cancellationToken);
    }
}
