using DigitalTwin.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Conversations;

/// <summary>
/// Loads every twin's persona while the host starts, so a broken persona folder stops the start with its message. The
/// loading begins before the hosted services start and runs beside the rest of the start (the server starts listening
/// meanwhile, so <c>GET /health</c> answers while it loads), and
/// the start completes only once it has finished: <see cref="StartedAsync"/> waits for it, so a failure still fails the
/// host's start (exit code 1), and the application is not "started" (Lambda: no invocation is taken) until every persona
/// is loaded.
/// </summary>
internal sealed partial class DigitalTwinWarmup(IDigitalTwinCatalog catalog, ILogger<DigitalTwinWarmup> logger) : IHostedLifecycleService
{
    private Task _loading = Task.CompletedTask;

    // Starting runs before any hosted service's StartAsync (the web server's included), so the load overlaps their start.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(() => LoadAsync(cancellationToken), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => _loading.WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var name in catalog.Names)
        {
            var twin = catalog.Find(name)!.GetService<Twin>()!;
            var prompt = await twin.GetPromptAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            LogReady(logger, name, prompt.Prefix.Length);
            if (twin.ChatClient.GetService<UnconfiguredChatClient>() is not null)
            {
                LogNoProvider(logger, name);
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Twin {Twin} is ready; its persona prompt has {Characters} characters")]
    private static partial void LogReady(ILogger logger, string twin, int characters);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Twin {Twin} has no model provider: chat answers 503 until OPENAI_API_KEY is set with .UseOpenAI(), or another provider is configured")]
    private static partial void LogNoProvider(ILogger logger, string twin);
}
