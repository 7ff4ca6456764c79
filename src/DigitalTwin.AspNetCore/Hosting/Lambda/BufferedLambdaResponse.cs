using System.Buffers;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>A response kept in memory and sent to Lambda in one piece when the app has finished.</summary>
internal sealed class BufferedLambdaResponse : LambdaResponse
{
    private readonly ArrayBufferWriter<byte> _body = new();

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    public override void Reset(int statusCode)
    {
        base.Reset(statusCode);
        _body.Clear();
    }

    internal override ValueTask WriteBodyAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        _body.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    internal override Task FlushBodyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task OnStartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
