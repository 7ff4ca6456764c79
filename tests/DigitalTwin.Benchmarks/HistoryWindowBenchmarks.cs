using BenchmarkDotNet.Attributes;
using DigitalTwin.Benchmarks.Support;
using DigitalTwin.Conversations;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Benchmarks;

/// <summary>Choosing the history sent to the model: the sample's 10-message window over the turns a store returns.</summary>
[MemoryDiagnoser]
public class HistoryWindowBenchmarks
{
    private IReadOnlyList<ConversationTurn> _turns = [];

    /// <summary>How many turns the store handed over: 5 (what the twin reads for 10 messages) or 500 (a caller reading all).</summary>
    [Params(5, 500)]
    public int StoredTurns { get; set; }

    /// <summary>The token budget: none, or one that cuts the window short.</summary>
    [Params(null, 400)]
    public int? MaxTokens { get; set; }

    [GlobalSetup]
    public void Setup() => _turns = Turns.Many(StoredTurns);

    [Benchmark(Description = "HistoryWindow.Select(10 messages)")]
    public List<ChatMessage> Select() => HistoryWindow.Select(_turns, 10, MaxTokens);
}
