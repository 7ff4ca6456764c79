using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>A small app served by the Lambda server in this process, behind a fake Runtime API, for host behaviour tests.</summary>
public sealed class InProcessLambdaHost : IAsyncDisposable
{
    /// <summary>The xunit collection of tests that run an in-process Lambda host.</summary>
    public const string Collection = "In-process Lambda host";

    private readonly WebApplication _app;

    private InProcessLambdaHost(WebApplication app, FakeRuntimeApi runtime)
    {
        _app = app;
        Runtime = runtime;
    }

    public FakeRuntimeApi Runtime { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessLambdaHost> StartAsync(Action<WebApplication> configure, bool streaming = false, Action<IServiceCollection>? services = null)
    {
        var runtime = await FakeRuntimeApi.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDigitalTwinLambdaHosting(o =>
        {
            o.RuntimeApi = runtime.Address;
            o.ResponseStreaming = streaming;
        });

        // AWS_LAMBDA_RUNTIME_API is not set in the test process, so the server is put in place by hand.
        builder.Services.AddSingleton<IServer, LambdaServer>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new InProcessLambdaHost(app, runtime);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
