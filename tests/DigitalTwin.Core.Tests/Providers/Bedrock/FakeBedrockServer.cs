using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// A loopback HTTP/1.1 Bedrock stand-in on a raw <see cref="TcpListener"/>: records each request, checks its SigV4
/// signature with the official signer and answers with the next queued <see cref="FakeResponse"/>.
/// One request per connection (it answers with Connection: close).
/// </summary>
internal sealed class FakeBedrockServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<FakeResponse> _responses = new();
    private readonly SigV4Verifier _verifier;
    private readonly TestCredentials _credentials;
    private readonly Task _loop;

    private FakeBedrockServer(SigV4Verifier verifier, TestCredentials credentials)
    {
        _verifier = verifier;
        _credentials = credentials;
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public const string Region = "us-east-1";

    /// <summary>Starts a server that expects requests signed with <paramref name="credentials"/> (default <see cref="TestCredentials.Basic"/>).</summary>
    public static async Task<FakeBedrockServer> StartAsync(TestCredentials? credentials = null) =>
        new(await SigV4Verifier.SharedAsync(), credentials ?? TestCredentials.Basic);

    public Uri Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public FakeBedrockServer Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            _responses.Enqueue(response);
        }

        return this;
    }

    /// <summary>Asserts that every request so far carried a signature the official signer agrees with.</summary>
    public void AssertAllSigned()
    {
        Assert.NotEmpty(Requests);
        Assert.All(Requests, r => Assert.True(r.SignatureOk, $"SigV4 check failed for {r.Target}: {r.SignatureReason}"));
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                var request = await ReadRequestAsync(stream);
                var (ok, reason) = await _verifier.VerifyAsync(request.Method, request.Target, request.Headers, request.Body, _credentials, Region);
                request = request with { SignatureOk = ok, SignatureReason = reason };

                Requests.Enqueue(request);
                var response = _responses.TryDequeue(out var next) ? next : FakeResponse.Json(500, "{\"message\":\"no response queued\"}");
                await response.WriteAsync(stream, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the request head ended");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = headers.TryGetValue("content-length", out var length) ? new byte[int.Parse(length)] : [];
        await stream.ReadExactlyAsync(body);
        return new RecordedRequest(parts[0], parts[1], headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();

        // Every request any test sent must have been signed as the official signer would sign it.
        Assert.All(Requests, r => Assert.True(r.SignatureOk, $"SigV4 check failed for {r.Target}: {r.SignatureReason}"));
    }
}

/// <summary>A request the fake server received: the raw request target (path as sent), lower-case headers and body.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public bool SignatureOk { get; init; }

    public string SignatureReason { get; init; } = "not checked";

    public string BodyText => Encoding.UTF8.GetString(Body);
}
