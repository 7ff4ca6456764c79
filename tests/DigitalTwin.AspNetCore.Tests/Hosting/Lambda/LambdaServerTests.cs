using DigitalTwin.AspNetCore.Hosting.Lambda;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;
using Microsoft.AspNetCore.Hosting.Server;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

// The host sets the process-wide _X_AMZN_TRACE_ID per invocation: in-process hosts do not run side by side.
[Collection(InProcessLambdaHost.Collection)]
public sealed class LambdaServerTests
{
    [Fact]
    public async Task ExceptionBeforeAnyWrite_Answers500WithoutTheHeadersSetBefore()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/boom", (HttpContext c) =>
        {
            c.Response.Headers["X-Stale"] = "yes";
            c.Response.ContentType = "application/json";
            throw new InvalidOperationException("secret detail");
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/boom"));
        Assert.Equal(500, result.StatusCode);
        Assert.Null(result.Header("X-Stale"));
        Assert.Equal(string.Empty, result.BodyText);
        Assert.DoesNotContain("secret detail", Encoding.UTF8.GetString(result.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionAfterAPartialWrite_Answers500WithoutThePartialBody()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/half", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("partial");
            throw new InvalidOperationException("late failure");
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.RestV1("GET", "/half"));
        Assert.Equal(500, result.StatusCode);
        Assert.Equal(string.Empty, result.BodyText);
    }

    [Fact]
    public async Task BodySwappedByMiddleware_IsStillReturned()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                await next(context);
                context.Response.Body = original;
                buffer.Position = 0;
                var text = Encoding.UTF8.GetString(buffer.ToArray()).ToUpperInvariant();
                await context.Response.WriteAsync(text);
            });
            app.MapGet("/swap", () => "hello");
        });
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/swap"));
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("HELLO", result.BodyText);
    }

    [Fact]
    public async Task EachInvocation_GetsAFreshScope()
    {
        await using var host = await InProcessLambdaHost.StartAsync(
            app => app.MapGet("/scope", (ScopedMarker marker) => marker.Id.ToString()),
            services: s => s.AddScoped<ScopedMarker>());
        var first = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/scope"));
        var second = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/scope"));
        Assert.NotEqual(first.BodyText, second.BodyText);
    }

    [Fact]
    public async Task TraceId_FlowsToHeaderTraceIdentifierAndEnvironment()
    {
        const string trace = "Root=1-67891233-abcdef012345678912345678;Parent=1234567890abcdef;Sampled=1";
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/trace", (HttpContext c) => new
        {
            header = c.Request.Headers["X-Amzn-Trace-Id"].ToString(),
            identifier = c.TraceIdentifier,
            environment = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/trace"), traceId: trace);
        using var json = JsonDocument.Parse(result.BodyText);
        Assert.Equal(trace, json.RootElement.GetProperty("header").GetString());
        Assert.Equal(trace, json.RootElement.GetProperty("identifier").GetString());
        Assert.Equal(trace, json.RootElement.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Deadline_CancelsRequestAbortedAndReportsAnError()
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/slow", async (HttpContext c) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult(true);
            }

            return "too late";
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/slow"), deadlineIn: TimeSpan.FromMilliseconds(500));
        Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("error", result.Kind);
        Assert.Equal(InvocationProcessor<object>.DeadlineErrorType, result.Headers["Lambda-Runtime-Function-Error-Type"]);
    }

    [Fact]
    public async Task Deadline_IsTimedByTheInjectedTimeProvider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await InProcessLambdaHost.StartAsync(
            app => app.MapGet("/wait", async (HttpContext c) =>
            {
                waiting.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return "late";
            }),
            services: s => s.AddSingleton<TimeProvider>(clock));
        var result = host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/wait"), deadlineIn: TimeSpan.FromSeconds(30));
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(31));
        var answer = await result;
        Assert.Equal("error", answer.Kind);
        Assert.Equal("Runtime.DeadlineExceeded", answer.Headers["Lambda-Runtime-Function-Error-Type"]);
    }

    [Fact]
    public async Task ContentLengthMismatch_Answers500()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/short", async (HttpContext c) =>
        {
            c.Response.ContentLength = 100;
            await c.Response.WriteAsync("only this");
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/short"));
        Assert.Equal(500, result.StatusCode);
    }

    [Fact]
    public async Task HeadRequest_KeepsContentLengthAndSendsNoBody()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapMethods("/doc", ["HEAD"], (HttpContext c) =>
        {
            c.Response.ContentLength = 42;
            c.Response.ContentType = "text/plain";
            return Task.CompletedTask;
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("HEAD", "/doc"));
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("42", result.Header("Content-Length"));
        Assert.Equal(string.Empty, result.BodyText);
    }

    [Fact]
    public async Task BinaryResponse_IsBase64Encoded()
    {
        var bytes = new byte[] { 0, 1, 2, 250, 255 };
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/bin", () => Results.Bytes(bytes, "application/octet-stream")));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/bin"));
        Assert.True(result.Json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(bytes, Convert.FromBase64String(result.Json.GetProperty("body").GetString()!));
    }

    [Fact]
    public async Task RequestFeatures_CarryPathBaseQueryRemoteIpAndBody()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapPost("/echo", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            return new
            {
                pathBase = c.Request.PathBase.Value,
                path = c.Request.Path.Value,
                query = c.Request.Query["q"].ToArray(),
                ip = c.Connection.RemoteIpAddress?.ToString(),
                scheme = c.Request.Scheme,
                protocol = c.Request.Protocol,
                body = await reader.ReadToEndAsync(),
            };
        }));
        var result = await host.Runtime.InvokeAsync(LambdaEvents.RestV1("POST", "/echo", "payload", stage: "prod",
            query: new Dictionary<string, string[]> { ["q"] = ["a b", "c"] }, base64: true, sourceIp: "203.0.113.9"));
        using var json = JsonDocument.Parse(result.BodyText);
        var root = json.RootElement;
        Assert.Equal("/prod", root.GetProperty("pathBase").GetString());
        Assert.Equal("/echo", root.GetProperty("path").GetString());
        Assert.Equal(["a b", "c"], root.GetProperty("query").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal("203.0.113.9", root.GetProperty("ip").GetString());
        Assert.Equal("https", root.GetProperty("scheme").GetString());
        Assert.Equal("HTTP/1.1", root.GetProperty("protocol").GetString());
        Assert.Equal("payload", root.GetProperty("body").GetString());
    }

    [Fact]
    public async Task ResponseCookies_GoToTheShapeOfTheEvent()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/cookies", (HttpContext c) =>
        {
            c.Response.Cookies.Append("a", "1");
            c.Response.Cookies.Append("b", "2");
            return "ok";
        }));
        var v2 = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/cookies"));
        Assert.Equal(2, v2.Json.GetProperty("cookies").GetArrayLength());
        var v1 = await host.Runtime.InvokeAsync(LambdaEvents.RestV1("GET", "/cookies"));
        Assert.Equal(2, v1.Json.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").GetArrayLength());
    }

    [Fact]
    public async Task AnswerRefusedByTheRuntimeApi_NextInvocationIsStillServed()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/ok", () => "ok"));
        host.Runtime.RefuseAnswers = 1;
        await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/ok"));
        var second = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/ok"));
        Assert.Equal("ok", second.BodyText);
    }

    [Fact]
    public void WithoutTheRuntimeApiVariable_KestrelStays()
    {
        Assert.Null(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"));
        var services = new ServiceCollection();
        services.AddSingleton<IServer, NoServer>();
        services.AddDigitalTwinLambdaHosting();
        Assert.All(services.Where(d => d.ServiceType == typeof(IServer)), d => Assert.Equal(typeof(NoServer), d.ImplementationType));
    }

    private sealed class ScopedMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    private sealed class NoServer : IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
