using DigitalTwin.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// An <see cref="IServer"/> that takes its requests from the Lambda Runtime API instead of a socket. <see cref="StartAsync"/>
/// returns at once; the loop polls <c>invocation/next</c> once the host has started, one invocation at a time. A host that
/// stops before it started is reported to <c>init/error</c>; a Runtime API that fails stops the app with exit code 1.
/// Lambda freezes the process between invocations, so the owner's notifications (<see cref="OwnerNotifier"/>) are delivered
/// at invocation boundaries: after an answer is complete and before the next invocation is asked for, when one is due.
/// </summary>
internal sealed class LambdaServer : IServer
{
    private readonly LambdaHostingOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaServer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private readonly OwnerNotifier? _notifier;
    private RuntimeApiClient? _runtime;

    public LambdaServer(IOptions<LambdaHostingOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<LambdaServer> logger, IServiceProvider services)
    {
        _notifier = services.GetService<OwnerNotifier>();
        _options = options.Value;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        var api = _options.RuntimeApi ?? Environment.GetEnvironmentVariable(LambdaStartupFailure.RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new InvalidOperationException($"The Lambda host needs the Runtime API address: {LambdaStartupFailure.RuntimeApiVariable} is not set.");
        }

        _runtime = new RuntimeApiClient(api);
        var processor = new InvocationProcessor<TContext>(application, _runtime, _options, _time, _logger);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        _loop = Task.Run(() => RunAsync(processor, _runtime, started.Task, _stopping.Token), CancellationToken.None);
        LambdaLog.Started(_logger, api, _options.ResponseStreaming);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ReportIfNeverStarted();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout passed; the loop ends with the process.
        }
    }

    public void Dispose()
    {
        ReportIfNeverStarted();
        _stopping.Cancel();
        _runtime?.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync<TContext>(InvocationProcessor<TContext> processor, RuntimeApiClient runtime, Task started, CancellationToken stopping)
        where TContext : notnull
    {
        try
        {
            await started.WaitAsync(stopping).ConfigureAwait(false);
            LambdaStartupFailure.Started();
            while (!stopping.IsCancellationRequested)
            {
                var invocation = await runtime.NextAsync(stopping).ConfigureAwait(false);
                try
                {
                    await processor.ProcessAsync(invocation, stopping).ConfigureAwait(false);
                    await DeliverNotificationsAsync(stopping).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (ex.StatusCode is not null)
                {
                    // The Runtime API answered but refused this invocation's answer: the next one can still be served.
                    LambdaLog.AnswerRefused(_logger, ex, invocation.RequestId, (int)ex.StatusCode.Value);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            LambdaLog.RuntimeApiFailed(_logger, ex);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }

    /// <summary>Delivers the owner's due notifications, the answer being already complete; a failure waits for the next boundary.</summary>
    private async Task DeliverNotificationsAsync(CancellationToken stopping)
    {
        if (_notifier is not { IsDue: true } notifier)
        {
            return;
        }

        try
        {
            await notifier.DeliverPendingAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LambdaLog.NotificationsFailed(_logger, ex.GetType().Name);
        }
    }

    // Also when the host failed before starting this server (invalid options, a hosted service's start): the app may catch
    // that exception to exit cleanly, so the unhandled-exception hook would never see it.
    private void ReportIfNeverStarted()
    {
        if (_lifetime.ApplicationStarted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            return;
        }

        var api = _options.RuntimeApi ?? Environment.GetEnvironmentVariable(LambdaStartupFailure.RuntimeApiVariable);
        if (_runtime is null && string.IsNullOrWhiteSpace(api))
        {
            return;
        }

        using var own = _runtime is null ? new RuntimeApiClient(api!) : null;
        LambdaLog.StartupFailed(_logger);
        LambdaStartupFailure.Report(_runtime ?? own!, "Runtime.StartupFailure");
        Environment.ExitCode = 1;
    }
}
