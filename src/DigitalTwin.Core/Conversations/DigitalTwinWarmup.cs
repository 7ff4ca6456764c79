using DigitalTwin.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Conversations;

/// <summary>Loads every twin's persona when the host starts, so a broken persona folder stops the start with its message.</summary>
internal sealed partial class DigitalTwinWarmup(IDigitalTwinCatalog catalog, ILogger<DigitalTwinWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Twin {Twin} is ready; its persona prompt has {Characters} characters")]
    private static partial void LogReady(ILogger logger, string twin, int characters);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Twin {Twin} has no model provider: chat answers 503 until OPENAI_API_KEY is set with .UseOpenAI(), or another provider is configured")]
    private static partial void LogNoProvider(ILogger logger, string twin);
}
