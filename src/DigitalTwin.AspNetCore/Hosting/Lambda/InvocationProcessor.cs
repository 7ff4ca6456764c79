using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// Serves one invocation: reads the event, runs the app (which makes a fresh DI scope per HttpContext), and hands the
/// answer to the Runtime API — buffered in one JSON document, or streamed for Function URLs when streaming is on.
/// </summary>
internal sealed class InvocationProcessor<TContext>(
    IHttpApplication<TContext> application, RuntimeApiClient runtime, LambdaHostingOptions options, TimeProvider time, ILogger logger)
    where TContext : notnull
{
    public const string DeadlineErrorType = "Runtime.DeadlineExceeded";

    public async Task ProcessAsync(LambdaInvocation invocation, CancellationToken stopping)
    {
        LambdaRequest request;
        try
        {
            request = LambdaEventParser.Parse(invocation.Event);
        }
        catch (LambdaEventException ex)
        {
            LambdaLog.InvalidEvent(logger, ex, invocation.RequestId);
            await runtime.PostErrorAsync(invocation.RequestId, "Runtime.InvalidEvent", "The event is not an API Gateway or Function URL HTTP event.", stopping).ConfigureAwait(false);
            return;
        }

        // As the official runtimes do, so AWS SDK calls made while serving this event join its X-Ray trace.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        // RequestAborted: cancelled at Lambda-Runtime-Deadline-Ms (timed by the injected TimeProvider) or when the host stops.
        var left = invocation.Deadline is { } at ? at - time.GetUtcNow() : TimeSpan.MaxValue;
        using var deadline = left < TimeSpan.FromDays(1) ? new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time) : new CancellationTokenSource();
        if (left <= TimeSpan.Zero)
        {
            await deadline.CancelAsync().ConfigureAwait(false);
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        if (options.ResponseStreaming && request.Format == LambdaEventFormat.FunctionUrl)
        {
            await StreamAsync(request, invocation, aborted.Token, deadline.Token, stopping).ConfigureAwait(false);
        }
        else
        {
            await BufferAsync(request, invocation, aborted.Token, deadline.Token, stopping).ConfigureAwait(false);
        }
    }

    private async Task BufferAsync(LambdaRequest request, LambdaInvocation invocation, CancellationToken aborted, CancellationToken deadline, CancellationToken stopping)
    {
        var response = new BufferedLambdaResponse();
        var context = application.CreateContext(LambdaFeatures.Create(request, invocation, response, aborted));
        var (error, _) = await RunAsync(context, response, invocation).ConfigureAwait(false);
        if (error is null && response.Headers.ContentLength is { } declared && declared != response.Body.Length && !HttpMethods.IsHead(request.Method))
        {
            LambdaLog.ContentLengthMismatch(logger, invocation.RequestId, declared, response.Body.Length);
            response.Reset(StatusCodes.Status500InternalServerError);
        }

        if (deadline.IsCancellationRequested)
        {
            LambdaLog.DeadlineExceeded(logger, invocation.RequestId);
            await runtime.PostErrorAsync(invocation.RequestId, DeadlineErrorType, "The invocation's deadline passed before the answer was complete.", stopping).ConfigureAwait(false);
        }
        else
        {
            var body = HttpMethods.IsHead(request.Method) || response.StatusCode is 204 or 304 ? ReadOnlySpan<byte>.Empty : response.Body.Span;
            var payload = LambdaResponseSerializer.Serialize(request.Format, response.StatusCode, response.Headers, body);
            if (!await runtime.PostResponseAsync(invocation.RequestId, payload, stopping).ConfigureAwait(false))
            {
                await runtime.PostErrorAsync(invocation.RequestId, "Function.ResponseSizeTooLarge", "The answer is larger than Lambda accepts.", stopping).ConfigureAwait(false);
            }
        }

        await CompleteAsync(context, response, invocation, error).ConfigureAwait(false);
    }

    private async Task StreamAsync(LambdaRequest request, LambdaInvocation invocation, CancellationToken aborted, CancellationToken deadline, CancellationToken stopping)
    {
        var connection = await StreamingResponseConnection.OpenAsync(runtime.RuntimeApi, invocation.RequestId, stopping).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var response = new StreamingLambdaResponse(connection);
        var context = application.CreateContext(LambdaFeatures.Create(request, invocation, response, aborted));
        var (error, afterStart) = await RunAsync(context, response, invocation).ConfigureAwait(false);
        string? errorType = null;
        if (deadline.IsCancellationRequested)
        {
            LambdaLog.DeadlineExceeded(logger, invocation.RequestId);
            errorType = DeadlineErrorType;
        }
        else if (afterStart)
        {
            errorType = "Runtime.StreamError";
        }

        if (!response.HasStarted)
        {
            await response.StartAsync(stopping).ConfigureAwait(false);
        }

        var status = await connection.CompleteAsync(errorType, errorType is null ? null : "The answer failed after it started.", stopping).ConfigureAwait(false);
        if (status is < 200 or > 299)
        {
            LambdaLog.StreamRejected(logger, invocation.RequestId, status);
        }

        await CompleteAsync(context, response, invocation, error).ConfigureAwait(false);
    }

    // Runs the app; an exception before the answer started becomes a bare 500 (a buffered answer can always be replaced).
    private async Task<(Exception? Error, bool AfterStart)> RunAsync(TContext context, LambdaResponse response, LambdaInvocation invocation)
    {
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
            await response.CompleteAsync().ConfigureAwait(false);
            return (null, false);
        }
        catch (Exception ex)
        {
            if (response is BufferedLambdaResponse || !response.HasStarted)
            {
                LambdaLog.ApplicationFailed(logger, ex, invocation.RequestId);
                response.Reset(StatusCodes.Status500InternalServerError);
                return (ex, false);
            }

            LambdaLog.StreamFailed(logger, ex, invocation.RequestId);
            return (ex, true);
        }
    }

    private async Task CompleteAsync(TContext context, LambdaResponse response, LambdaInvocation invocation, Exception? error)
    {
        if (await response.FireOnCompletedAsync().ConfigureAwait(false) is { } failure)
        {
            LambdaLog.OnCompletedFailed(logger, failure, invocation.RequestId);
        }

        application.DisposeContext(context, error);
    }
}
