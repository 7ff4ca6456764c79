using BenchmarkDotNet.Attributes;
using DigitalTwin.Benchmarks.Support;
using DigitalTwin.Persona.Pdf;

namespace DigitalTwin.Benchmarks;

/// <summary>Text extraction of the sample persona's LinkedIn export (samples/DigitalTwin.Sample.Kestrel/persona/linkedin.pdf), done once per start.</summary>
[MemoryDiagnoser]
public class PdfExtractionBenchmarks
{
    private readonly PdfSharpTextExtractor _extractor = new();
    private byte[] _pdf = [];

    [GlobalSetup]
    public void Setup() => _pdf = File.ReadAllBytes(Path.Combine(SamplePersona.Directory, "linkedin.pdf"));

    [Benchmark(Description = "PdfSharpTextExtractor.ExtractText(linkedin.pdf)")]
    public string Extract() => _extractor.ExtractText(_pdf);
}
