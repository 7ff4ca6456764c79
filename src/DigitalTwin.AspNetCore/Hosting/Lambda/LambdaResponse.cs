using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// The response side of one invocation: status, headers and the body feature that every write goes through, so a body
/// stream swapped by middleware still ends up here. Buffered and streaming answers differ only in where bytes go.
/// </summary>
internal abstract class LambdaResponse : IHttpResponseFeature, IHttpResponseBodyFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
    private PipeWriter? _writer;
    private Stream? _replacedBody;

    protected LambdaResponse()
    {
        Stream = new LambdaResponseStream(this);
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public bool HasStarted { get; private set; }

    public Stream Stream { get; }

    public PipeWriter Writer => _writer ??= PipeWriter.Create(Stream, new StreamPipeWriterOptions(leaveOpen: true));

    Stream IHttpResponseFeature.Body
    {
        get => _replacedBody ?? Stream;
        set => _replacedBody = value;
    }

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        // Callbacks run newest first, as in Kestrel; they may still change the status and headers.
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State).ConfigureAwait(false);
        }

        HasStarted = true;
        await OnStartedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        => SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }

        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the OnCompleted callbacks once the answer has been handed to Lambda; their failures are returned, not thrown.</summary>
    public async Task<Exception?> FireOnCompletedAsync()
    {
        Exception? failure = null;
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            try
            {
                await _onCompleted[i].Callback(_onCompleted[i].State).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }

        return failure;
    }

    /// <summary>Replaces whatever the app set with a bare status (500 after an exception): no stale headers, no partial body.</summary>
    public virtual void Reset(int statusCode)
    {
        StatusCode = statusCode;
        ReasonPhrase = null;
        Headers = new HeaderDictionary();
    }

    internal abstract ValueTask WriteBodyAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    internal abstract Task FlushBodyAsync(CancellationToken cancellationToken);

    protected abstract Task OnStartedAsync(CancellationToken cancellationToken);
}
