using System.Globalization;
using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

namespace DigitalTwin.PdfScore;

/// <summary>
/// "--fuzz COUNT FOLDER...": the unit tests' seeded mutator and runner over the corpus PDFs. Exit code 1 when any
/// input hangs or ends in an exception other than a typed PdfTextExtractionException.
/// </summary>
internal static class FuzzCommand
{
    public const int Seed = 20261205;

    public static int Run(int count, IEnumerable<string> folders)
    {
        (string, byte[])[] sources = [.. folders.SelectMany(f => Directory.GetFiles(f, "*.pdf").Order(StringComparer.Ordinal))
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)))];
        FuzzOutcome outcome = FuzzRunner.Run(sources, count, Seed, hangTimeout: TimeSpan.FromSeconds(60));
        foreach (string failure in outcome.Failures)
        {
            Console.WriteLine($"FAILED: {failure}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PDF fuzz (seed {Seed}, {sources.Length} corpus files): {outcome.Inputs} inputs, {outcome.Texts} texts, {outcome.TypedErrors} typed errors, {outcome.Failures.Count} failures; slowest {outcome.Slowest} ({outcome.SlowestTime.TotalMilliseconds:0} ms)"));
        Console.WriteLine(outcome.Failures.Count == 0 ? "PDF fuzz: PASS" : "PDF fuzz: FAIL");
        return outcome.Failures.Count == 0 ? 0 : 1;
    }
}
