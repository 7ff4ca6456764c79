using BenchmarkDotNet.Attributes;
using DigitalTwin.Benchmarks.Support;
using DigitalTwin.Persona;

namespace DigitalTwin.Benchmarks;

/// <summary>The system prompt of one request: the sample persona's prompt with the current date and time appended.</summary>
[MemoryDiagnoser]
public class PromptBenchmarks
{
    private PersonaPrompt _prompt = null!;

    [GlobalSetup]
    public void Setup() => _prompt = SamplePersona.LoadPromptAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "PersonaPrompt.Render(TimeProvider.System)")]
    public string Render() => _prompt.Render(TimeProvider.System);
}
