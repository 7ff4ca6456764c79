using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.Conversations;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// The <c>/chat/stream</c> event encoding of one typical answer — session, three deltas, done with usage — written as
/// server-sent events to a stream, as the endpoint does.
/// </summary>
[MemoryDiagnoser]
public class SseBenchmarks
{
    private TwinStreamUpdate[] _updates = [];

    [GlobalSetup]
    public void Setup()
    {
        var session = SessionId.New();
        _updates =
        [
            new(TwinStreamUpdateKind.Session, session),
            new(TwinStreamUpdateKind.Delta, session) { Text = "I build web APIs in C# " },
            new(TwinStreamUpdateKind.Delta, session) { Text = "and enjoy making them \"fast\". " },
            new(TwinStreamUpdateKind.Delta, session) { Text = "Ask me about my projects!" },
            new(TwinStreamUpdateKind.Completed, session)
            {
                TurnId = Guid.NewGuid().ToString("N"),
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 850, OutputTokenCount = 20, TotalTokenCount = 870 },
            },
        ];
    }

    [Benchmark(Description = "encode 5 events (payloads only)")]
    public int Encode()
    {
        var length = 0;
        foreach (var update in _updates)
        {
            length += SseEvents.ToEvent(update).Data.Length;
        }

        return length;
    }

    [Benchmark(Description = "encode + SseFormatter.WriteAsync")]
    public Task EncodeAndWrite() => SseFormatter.WriteAsync(Events(), Stream.Null);

    private async IAsyncEnumerable<SseItem<string>> Events()
    {
        await Task.CompletedTask;
        foreach (var update in _updates)
        {
            yield return SseEvents.ToEvent(update);
        }
    }
}
