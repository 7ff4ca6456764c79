using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>
/// A loopback Lambda Runtime API (real HTTP on 127.0.0.1): hands out queued events on <c>invocation/next</c> and records
/// what the runtime posts back — buffered responses, streamed responses chunk by chunk with their trailers, errors, init errors.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeResult>> _results = new();
    private int _next;

    /// <summary>The Runtime API's host and port, as AWS_LAMBDA_RUNTIME_API gives them.</summary>
    public string Address => _app.BaseAddress.Authority;

    /// <summary>How many of the next posted answers are refused with 400 (as Lambda refuses an answer for an unknown invocation).</summary>
    public int RefuseAnswers { get; set; }

    public TaskCompletionSource<RuntimeResult> InitError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _nextCalls;

    /// <summary>How many times the runtime asked for the next event.</summary>
    public int NextCalls => _nextCalls;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        fake._app = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/2018-06-01/runtime/invocation/next", fake.NextAsync);
            app.MapPost("/2018-06-01/runtime/invocation/{id}/response", (HttpContext c, string id) => fake.RecordAsync(c, id, "response"));
            app.MapPost("/2018-06-01/runtime/invocation/{id}/error", (HttpContext c, string id) => fake.RecordAsync(c, id, "error"));
            app.MapPost("/2018-06-01/runtime/init/error", (HttpContext c) => fake.RecordAsync(c, null, "init-error"));
        });
        return fake;
    }

    /// <summary>Queues an event and waits for what the runtime posts back for it.</summary>
    public async Task<RuntimeResult> InvokeAsync(string eventJson, TimeSpan? deadlineIn = null, string? traceId = null, TimeSpan? wait = null)
    {
        var id = "req-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var result = _results.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var deadline = DateTimeOffset.UtcNow + (deadlineIn ?? TimeSpan.FromMinutes(1));
        await _queue.Writer.WriteAsync(new Pending(id, Encoding.UTF8.GetBytes(eventJson), deadline, traceId ?? "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        return await result.Task.WaitAsync(wait ?? TimeSpan.FromSeconds(60));
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextCalls);
        var pending = await _queue.Reader.ReadAsync(context.RequestAborted);
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = pending.Id;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:digital-twin";
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(pending.Event, context.RequestAborted);
    }

    private async Task RecordAsync(HttpContext context, string? id, string kind)
    {
        var started = Stopwatch.StartNew();
        var chunks = new List<(TimeSpan At, byte[] Data)>();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            chunks.Add((started.Elapsed, buffer[..read]));
        }

        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (context.Request.SupportsTrailers() && context.Request.CheckTrailersAvailable())
        {
            foreach (var name in new[] { "Lambda-Runtime-Function-Error-Type", "Lambda-Runtime-Function-Error-Body" })
            {
                if (context.Request.GetTrailer(name) is { Count: > 0 } value)
                {
                    trailers[name] = value.ToString();
                }
            }
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = new RuntimeResult(kind, id, headers, chunks, trailers);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        if (kind == "response" && RefuseAnswers > 0)
        {
            RefuseAnswers--;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (id is null)
        {
            InitError.TrySetResult(result);
        }
        else
        {
            _results.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(result);
        }
    }

    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        return _app.DisposeAsync();
    }

    private sealed record Pending(string Id, byte[] Event, DateTimeOffset Deadline, string TraceId);
}
