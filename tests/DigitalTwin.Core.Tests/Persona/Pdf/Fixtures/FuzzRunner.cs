using System.Diagnostics;
using DigitalTwin.Persona.Pdf;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>What a fuzz run found: how inputs ended, the slowest one, and every input that hung or threw an untyped exception.</summary>
internal sealed record FuzzOutcome(int Inputs, int Texts, int TypedErrors, string Slowest, TimeSpan SlowestTime, IReadOnlyList<string> Failures);

/// <summary>
/// Extracts text from seeded mutations of the given PDFs. Each input must end in text or a typed
/// <see cref="PdfTextExtractionException"/> within <c>hangTimeout</c>; a failing input is saved to the temp folder.
/// </summary>
internal static class FuzzRunner
{
    public static FuzzOutcome Run(IReadOnlyList<(string Name, byte[] Data)> sources, int count, int seed, TimeSpan hangTimeout)
    {
        var random = new Random(seed);
        var extractor = new PdfSharpTextExtractor(new PdfExtractionOptions { TimeBudget = TimeSpan.FromSeconds(5) });
        var failures = new List<string>();
        int texts = 0, typed = 0;
        (string Label, TimeSpan Time) slowest = (string.Empty, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            (string name, byte[] source) = sources[random.Next(sources.Count)];
            (string kind, byte[] data) = PdfMutator.Mutate(source, random);
            string label = $"#{i} {kind} of {name}";
            using var cancellation = new CancellationTokenSource();
            Exception? error = null;
            var clock = Stopwatch.StartNew();
            var thread = new Thread(() =>
            {
                try
                {
                    extractor.ExtractText(data, cancellation.Token);
                }
#pragma warning disable CA1031 // Every exception is classified below; untyped ones fail the run.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = e;
                }
            }) { IsBackground = true, Name = "pdf-fuzz" };
            thread.Start();
            bool finished = thread.Join(hangTimeout);
            clock.Stop();
            slowest = clock.Elapsed > slowest.Time ? (label, clock.Elapsed) : slowest;
            if (!finished)
            {
                cancellation.Cancel();
                failures.Add($"{label}: no result within {hangTimeout.TotalSeconds:0} s (saved as {Save(data, i)})");
            }
            else if (error is null)
            {
                texts++;
            }
            else if (error is PdfTextExtractionException typedError && Enum.IsDefined(typedError.Failure))
            {
                typed++;
            }
            else
            {
                failures.Add($"{label}: {error.GetType().Name}: {error.Message} (saved as {Save(data, i)})\n{error.StackTrace}");
            }
        }

        return new FuzzOutcome(count, texts, typed, slowest.Label, slowest.Time, failures);
    }

    private static string Save(byte[] data, int index)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pdf-fuzz-{index}.pdf");
        File.WriteAllBytes(path, data);
        return path;
    }
}
