using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>
/// "Hosts" sharing one file-store folder: each its own service provider, twin, fake model and store instance (so only the
/// OS file locks and the store's claims keep them apart), on the system clock, polling for other hosts' turns every 20 ms.
/// </summary>
internal sealed class SharedStoreHosts : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<ServiceProvider> _providers = [];

    public (IDigitalTwin Twin, FakeChatClient Model) Start(string answer, Action<DigitalTwinOptions>? options = null, ListLogger? log = null)
    {
        var model = new FakeChatClient { Answer = _ => answer };
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (log is not null)
            {
                b.AddProvider(new ListLoggerProvider(log));
            }
        });
        services.AddDigitalTwin(o =>
        {
            o.PersonaDirectory = PersonaFolder.Sample;
            o.IdempotencyPollInterval = TimeSpan.FromMilliseconds(20);
            options?.Invoke(o);
        }).UseChatClient(model).UseFileStore(f => f.Directory = _folder.Path);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<IDigitalTwin>(), model);
    }

    /// <summary>Another store instance over the shared folder, as a further host (or a test's hand on the store) would have.</summary>
    public FileConversationStore Store() => new(new FileStoreOptions { Directory = _folder.Path }, TimeProvider.System);

    public void Dispose()
    {
        _providers.ForEach(p => p.Dispose());
        _folder.Dispose();
    }

    public static async Task<List<TwinStreamUpdate>> CollectAsync(IAsyncEnumerable<TwinStreamUpdate> stream)
    {
        var updates = new List<TwinStreamUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10);
        }
    }
}
