using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>
/// "Hosts" sharing one store: each its own service provider, twin, fake model and store instance (so only the store —
/// the OS file locks of one file-store folder by default, or an S3 bucket or DynamoDB table from <paramref name="newStore"/>
/// — and its claims keep them apart), on the system clock, polling for other hosts' turns every 20 ms.
/// </summary>
public sealed class SharedStoreHosts(Func<IConversationStore>? newStore = null) : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<ServiceProvider> _providers = [];
    private readonly List<IDisposable> _stores = [];

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
        }).UseChatClient(model).UseStore(_ => Store());
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<IDigitalTwin>(), model);
    }

    /// <summary>Another store instance over the shared data, as a further host (or a test's hand on the store) would have.</summary>
    public IConversationStore Store()
    {
        var store = newStore?.Invoke() ?? new FileConversationStore(new FileStoreOptions { Directory = _folder.Path }, TimeProvider.System);
        if (store is IDisposable disposable)
        {
            _stores.Add(disposable);
        }

        return store;
    }

    /// <summary>The claims of another store instance over the shared data.</summary>
    public ITurnClaims Claims() => Store().TurnClaims();

    public void Dispose()
    {
        _providers.ForEach(p => p.Dispose());
        _stores.ForEach(s => s.Dispose());
        _folder.Dispose();
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
