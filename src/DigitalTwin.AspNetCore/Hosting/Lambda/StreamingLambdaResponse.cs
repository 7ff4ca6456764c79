namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// A response streamed to a Function URL: when it starts, the JSON prelude (status, headers, cookies) and 8 NUL bytes go
/// out, then every write is sent and flushed as it happens.
/// </summary>
internal sealed class StreamingLambdaResponse(StreamingResponseConnection connection) : LambdaResponse
{
    private static readonly byte[] Delimiter = new byte[8];

    internal override ValueTask WriteBodyAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        => new(connection.WriteChunkAsync(buffer, cancellationToken));

    internal override Task FlushBodyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task OnStartedAsync(CancellationToken cancellationToken)
    {
        var prelude = LambdaResponseSerializer.Prelude(StatusCode, Headers);
        var first = new byte[prelude.Length + Delimiter.Length];
        prelude.CopyTo(first, 0);
        return connection.WriteChunkAsync(first, cancellationToken);
    }
}
