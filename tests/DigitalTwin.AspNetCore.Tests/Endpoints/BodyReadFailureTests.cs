using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// Request bodies that cannot be read — malformed chunked framing, a chunk size past 2^31, a body that stalls — sent as raw
/// bytes to a real Kestrel on loopback: each is a ProblemDetails 400/408 where a response is still possible, logged once
/// below Warning without a stack trace, and never logged by Kestrel as an unhandled application error.
/// </summary>
public sealed class BodyReadFailureTests : IAsyncLifetime
{
    private readonly ListLogger _log = new();
    private TwinWebApp _web = null!;

    public async Task InitializeAsync() => _web = await TwinWebApp.StartAsync(configure: builder =>
    {
        builder.Logging.AddProvider(new ListLoggerProvider(_log)).SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5)));
    });

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Theory]
    [InlineData("/chat", "zz\r\n{}\r\n0\r\n\r\n", 400)] // a chunk size that is not hex
    [InlineData("/chat/stream", "zz\r\n{}\r\n0\r\n\r\n", 400)]
    [InlineData("/chat", "80000000\r\n{\"message\":\"hi\"}", 400)] // 2^31
    [InlineData("/chat/stream", "80000000\r\n{\"message\":\"hi\"}", 400)]
    [InlineData("/chat", "FFFFFFFFFFFFFFFF\r\n{}", 400)]
    [InlineData("/chat", "2\r\n{}XX0\r\n\r\n", 400)] // no CRLF after the chunk's data
    public async Task MalformedChunkedBody_IsAProblemLoggedOnceQuietly(string path, string chunkedBody, int status)
    {
        var response = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunkedBody}");

        AssertProblem(response, status);
        AssertLoggedOnceQuietly();
    }

    [Fact]
    public async Task BodyThatStalls_Is408ProblemLoggedOnceQuietly()
    {
        var response = await SendRawAsync(
            "POST /chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"message\":\"");

        AssertProblem(response, 408);
        AssertLoggedOnceQuietly();
        Assert.Empty(_web.Model.Calls);
    }

    /// <summary>Sends <paramref name="request"/> and reads until the server closes the connection (it does after a bad body).</summary>
    private async Task<string> SendRawAsync(string request)
    {
        var address = new Uri(_web.Client.BaseAddress!.ToString());
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static void AssertProblem(string response, int status)
    {
        Assert.StartsWith($"HTTP/1.1 {status} ", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\"status\":{status}", response, StringComparison.Ordinal);
    }

    private void AssertLoggedOnceQuietly()
    {
        List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> entries;
        lock (_log.Entries)
        {
            entries = [.. _log.Entries];
        }

        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        var mine = Assert.Single(entries, e => e.EventId.Id == 4008);
        Assert.Null(mine.Exception);
        Assert.InRange(mine.Level, LogLevel.Debug, LogLevel.Information);
    }
}
