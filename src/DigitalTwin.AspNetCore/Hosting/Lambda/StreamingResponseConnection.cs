using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// One streamed answer: a chunked <c>POST invocation/{id}/response</c> with <c>Lambda-Runtime-Function-Response-Mode: streaming</c>,
/// written by hand because HttpClient cannot send request trailers, which is how an error after the start is reported
/// (<c>Lambda-Runtime-Function-Error-Type</c> and a base64 <c>Lambda-Runtime-Function-Error-Body</c>).
/// </summary>
internal sealed class StreamingResponseConnection : IAsyncDisposable
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private StreamingResponseConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<StreamingResponseConnection> OpenAsync(string runtimeApi, string requestId, CancellationToken cancellationToken)
    {
        var colon = runtimeApi.LastIndexOf(':');
        var host = colon > 0 ? runtimeApi[..colon] : runtimeApi;
        var port = colon > 0 ? int.Parse(runtimeApi[(colon + 1)..], CultureInfo.InvariantCulture) : 80;
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host.Trim('[', ']'), port, cancellationToken).ConfigureAwait(false);
            var connection = new StreamingResponseConnection(client);
            var head = "POST /2018-06-01/runtime/invocation/" + Uri.EscapeDataString(requestId) + "/response HTTP/1.1\r\n" +
                "Host: " + runtimeApi + "\r\n" +
                "Lambda-Runtime-Function-Response-Mode: streaming\r\n" +
                "Transfer-Encoding: chunked\r\n" +
                "Content-Type: application/vnd.awslambda.http-integration-response\r\n" +
                "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n" +
                "Connection: close\r\n\r\n";
            await connection._stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Writes one chunk and flushes it, so the client sees it now.</summary>
    public async Task WriteChunkAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            return;
        }

        await _stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(Crlf, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the body, with the error trailers when <paramref name="errorType"/> is set, and reads the Runtime API's status.</summary>
    public async Task<int> CompleteAsync(string? errorType, string? errorMessage, CancellationToken cancellationToken)
    {
        var end = new StringBuilder("0\r\n");
        if (errorType is not null)
        {
            var body = Convert.ToBase64String(RuntimeApiClient.ErrorDocument(errorType, errorMessage ?? errorType));
            end.Append(RuntimeApiClient.ErrorTypeHeader).Append(": ").Append(errorType).Append("\r\n")
                .Append("Lambda-Runtime-Function-Error-Body: ").Append(body).Append("\r\n");
        }

        end.Append("\r\n");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(end.ToString()), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        // "HTTP/1.1 202 Accepted": only the status matters.
        var buffer = new byte[512];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0 || Array.IndexOf(buffer, (byte)'\n', 0, read + n) >= 0)
            {
                read += n;
                break;
            }

            read += n;
        }

        var line = Encoding.ASCII.GetString(buffer, 0, read);
        var parts = line.Split(' ', 3);
        return parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? status : 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
