using BenchmarkDotNet.Attributes;
using DigitalTwin.Benchmarks.Support;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Persona;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// One whole twin turn in process — validate, prompt, history window, model (answers at once), store append — for a new
/// visitor and for a visitor whose conversation is already 10 or 1,000 turns long. The HTTP layer is not included.
/// Each iteration starts again from a conversation of exactly <see cref="Turns"/> turns (every turn appends one), so a
/// figure is for that length give or take the iteration's 32 invocations.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(32, unrollFactor: 1)]
public class TwinTurnBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dt-bench-" + Guid.NewGuid().ToString("N"));
    private PersonaPrompt _prompt = null!;
    private IReadOnlyList<ConversationTurn> _history = [];
    private Twin _twin = null!;
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
        _prompt = SamplePersona.LoadPromptAsync().GetAwaiter().GetResult();
        _history = Support.Turns.Many(Turns);
        _session = Turns > 0 ? SessionId.New() : null;
        if (_session is { } session)
        {
            var key = new ConversationKey("default", session);
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
        IConversationStore store;
        if (Store.StartsWith("file", StringComparison.Ordinal))
        {
            store = new FileConversationStore(new FileStoreOptions { Directory = _directory, FlushToDisk = Store == "file" }, TimeProvider.System);
            if (_session is not null)
            {
                File.Copy(_sessionFile + ".template", _sessionFile, overwrite: true);
            }
        }
        else
        {
            store = new InMemoryConversationStore();
            if (_session is { } session)
            {
                foreach (var turn in _history)
                {
                    store.AppendAsync(new ConversationKey("default", session), turn).AsTask().GetAwaiter().GetResult();
                }
            }
        }

        _twin = new Twin("default", new DigitalTwinOptions { MaxHistoryMessages = 10 }, new Lazy<Task<PersonaPrompt>>(Task.FromResult(_prompt)), new InstantChatClient(), store, TimeProvider.System, NullLogger.Instance);
    }

    [Benchmark(Description = "Twin.ChatAsync")]
    public async Task<string> Chat() => (await _twin.ChatAsync(new TwinChatRequest("What did you work on before this job?", _session))).Response;

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
