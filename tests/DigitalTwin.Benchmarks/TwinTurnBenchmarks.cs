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
/// </summary>
[MemoryDiagnoser]
public class TwinTurnBenchmarks
{
    private Twin _twin = null!;
    private SessionId? _session;
    private string? _directory;

    [Params("file", "in-memory")]
    public string Store { get; set; } = "file";

    /// <summary>0: a new visitor (no session id); otherwise the length of the conversation the turn continues.</summary>
    [Params(0, 10, 1000)]
    public int Turns { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        IConversationStore store = Store == "file"
            ? new FileConversationStore(new FileStoreOptions { Directory = _directory = Path.Combine(Path.GetTempPath(), "dt-bench-" + Guid.NewGuid().ToString("N")) }, TimeProvider.System)
            : new InMemoryConversationStore();
        var prompt = await SamplePersona.LoadPromptAsync();
        _twin = new Twin("default", new DigitalTwinOptions { MaxHistoryMessages = 10 }, new Lazy<Task<PersonaPrompt>>(Task.FromResult(prompt)), new InstantChatClient(), store, TimeProvider.System, NullLogger.Instance);
        if (Turns > 0)
        {
            _session = SessionId.New();
            var key = new ConversationKey("default", _session.Value);
            foreach (var turn in Support.Turns.Many(Turns))
            {
                await store.AppendAsync(key, turn);
            }
        }
    }

    [Benchmark(Description = "Twin.ChatAsync")]
    public async Task<string> Chat() => (await _twin.ChatAsync(new TwinChatRequest("What did you work on before this job?", _session))).Response;

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
