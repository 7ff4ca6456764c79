using BenchmarkDotNet.Attributes;
using DigitalTwin.Benchmarks.Support;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// One whole twin turn in process — validate, prompt, history window, model (answers at once), store append — for a new
/// visitor and for a visitor whose conversation is already 10 or 1,000 turns long. The twin is built by
/// <c>AddDigitalTwin</c> as in an app (telemetry and resilience wrappers included); the HTTP layer is not included.
/// Each iteration starts again from a conversation of exactly <see cref="Turns"/> turns (every turn appends one), so a
/// figure is for that length give or take the iteration's 32 invocations.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(32, unrollFactor: 1)]
public class TwinTurnBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dt-bench-" + Guid.NewGuid().ToString("N"));
    private IReadOnlyList<ConversationTurn> _history = [];
    private IDigitalTwin _twin = null!;
    private ServiceProvider? _services;
    private SessionId? _session;
    private string _sessionFile = string.Empty;

    /// <summary>file (flushed to disk, the default), file-noflush (<c>FlushToDisk = false</c>: the cost without fsync), in-memory.</summary>
    [Params("file", "file-noflush", "in-memory")]
    public string Store { get; set; } = "file";

    /// <summary>0: a new visitor (no session id); otherwise the length of the conversation the turn continues.</summary>
    [Params(0, 10, 1000)]
    public int Turns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _history = Support.Turns.Many(Turns);
        _session = Turns > 0 ? SessionId.New() : null;
        if (_session is { } session)
        {
            var key = new ConversationKey(DigitalTwinDefaults.TwinName, session);
            _sessionFile = Path.Combine(_directory, key.TwinStorageName, session.StorageName + ".jsonl");
            var store = new FileConversationStore(new FileStoreOptions { Directory = _directory }, TimeProvider.System);
            foreach (var turn in _history)
            {
                store.AppendAsync(key, turn).AsTask().GetAwaiter().GetResult();
            }

            File.Copy(_sessionFile, _sessionFile + ".template");
        }
    }

    [IterationSetup]
    public void RestoreConversation()
    {
        _services?.Dispose();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        var builder = services.AddDigitalTwin(o => o.PersonaDirectory = SamplePersona.Directory).UseChatClient(new InstantChatClient());
        if (Store.StartsWith("file", StringComparison.Ordinal))
        {
            builder.UseFileStore(o => (o.Directory, o.FlushToDisk) = (_directory, Store == "file"));
            if (_session is not null)
            {
                File.Copy(_sessionFile + ".template", _sessionFile, overwrite: true);
            }
        }
        else
        {
            builder.UseInMemoryStore();
        }

        _services = services.BuildServiceProvider();
        _twin = _services.GetRequiredService<IDigitalTwin>();
        _twin.ChatAsync(new TwinChatRequest("Warm-up: loads the persona.")).GetAwaiter().GetResult();
        if (Store == "in-memory" && _session is { } session)
        {
            var store = _services.GetRequiredKeyedService<IConversationStore>(DigitalTwinDefaults.TwinName);
            foreach (var turn in _history)
            {
                store.AppendAsync(new ConversationKey(DigitalTwinDefaults.TwinName, session), turn).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    [Benchmark(Description = "Twin.ChatAsync")]
    public async Task<string> Chat() => (await _twin.ChatAsync(new TwinChatRequest("What did you work on before this job?", _session))).Response;

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
