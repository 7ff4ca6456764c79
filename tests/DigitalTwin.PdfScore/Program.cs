using System.Diagnostics;
using System.Globalization;
using DigitalTwin.PdfScore;
using DigitalTwin.Persona.Pdf;

// Scores the extractor against pdftotext (plain mode) over the corpus. Exit code 0 when the thresholds pass.
const double MeanThreshold = 0.95, MinThreshold = 0.80;
var expectedErrors = new Dictionary<string, PdfTextExtractionFailure>(StringComparer.Ordinal)
{
    ["resume_billryan_en_quartz.pdf"] = PdfTextExtractionFailure.NoText,
    ["pdfminer_aes256_userpw_foo.pdf"] = PdfTextExtractionFailure.PasswordProtected,
};

if (args.Length >= 2 && args[0] == "--glyphs")
{
    return GlyphDump.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
}

string corpus = args.Length > 0 ? args[0] : "../shared/pdf-corpus";
bool verbose = args.Contains("--verbose");
if (!Directory.Exists(corpus))
{
    Console.Error.WriteLine($"Corpus folder not found: {corpus}");
    return 2;
}

string[] files = [.. Directory.GetFiles(corpus, "*.pdf").Order(StringComparer.Ordinal)];
var extractor = new PdfSharpTextExtractor();
TryExtract(extractor, File.ReadAllBytes(files[0]));

var scores = new List<double>();
var failures = new List<string>();
var timedFiles = new List<string>();
int pages = 0;
double seconds = 0, cpuSeconds = 0, pypdfScoreSum = 0;
foreach (string file in files)
{
    string name = Path.GetFileName(file);
    PdfTextExtractionFailure? expected = expectedErrors.TryGetValue(name, out var e) ? e
        : name.StartsWith("pypdf_libreoffice_password_", StringComparison.Ordinal) ? PdfTextExtractionFailure.PasswordProtected : null;
    byte[] bytes = File.ReadAllBytes(file);
    TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
    var clock = Stopwatch.StartNew();
    (string? text, int pageCount, PdfTextExtractionException? error) = TryExtract(extractor, bytes);
    clock.Stop();
    TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuBefore;
    if (expected is { } failure)
    {
        bool ok = error?.Failure == failure;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(ok ? "ok  " : "FAIL")}  expected {failure,-17} got {(error is null ? "text" : error.Failure.ToString()),-17} {name}"));
        if (!ok)
        {
            failures.Add($"{name}: expected {failure}");
        }

        continue;
    }

    string reference = File.ReadAllText(Path.ChangeExtension(file, ".pdftotext-raw.txt"));
    double score = text is null ? 0 : WordF1.Score(text, reference);
    string pypdfPath = Path.ChangeExtension(file, ".pypdf.txt");
    pypdfScoreSum += File.Exists(pypdfPath) ? WordF1.Score(File.ReadAllText(pypdfPath), reference) : 0;
    scores.Add(score);
    if (text is not null)
    {
        pages += pageCount;
        seconds += clock.Elapsed.TotalSeconds;
        cpuSeconds += cpu.TotalSeconds;
        timedFiles.Add(file);
    }

    string note = error is null ? string.Empty : $"  ({error.Failure}: {error.Message})";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(score >= MinThreshold ? "ok  " : "LOW ")}  F1 {score:0.000}  {clock.Elapsed.TotalMilliseconds,7:0} ms  {name}{note}"));
    if (score < MinThreshold)
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: F1 {score:0.000} < {MinThreshold}"));
    }

    if (verbose && text is not null)
    {
        File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".ours.txt"), text);
    }
}

double mean = scores.Count == 0 ? 0 : scores.Average();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files scored: {scores.Count}, mean F1 {mean:0.0000}, min F1 {(scores.Count == 0 ? 0 : scores.Min()):0.0000} (thresholds: mean >= {MeanThreshold}, min >= {MinThreshold})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours:  {pages} pages in {seconds:0.00} s = {pages / Math.Max(seconds, 1e-9):0.0} pages/s (CPU time {cpuSeconds:0.00} s = {pages / Math.Max(cpuSeconds, 1e-9):0.0} pages/CPU-s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pypdf 3.4.1 stored texts: mean F1 {pypdfScoreSum / Math.Max(1, scores.Count):0.0000} over the same files"));
if (PypdfBenchmark.Run(timedFiles) is { } pypdf)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pypdf: {pypdf.Pages} pages in {pypdf.Seconds:0.00} s = {pypdf.Pages / Math.Max(pypdf.Seconds, 1e-9):0.0} pages/s (CPU time {pypdf.CpuSeconds:0.00} s = {pypdf.Pages / Math.Max(pypdf.CpuSeconds, 1e-9):0.0} pages/CPU-s)"));
}
else
{
    Console.WriteLine("pypdf: not available (install Debian python3-pypdf to compare speed)");
}

if (mean < MeanThreshold)
{
    failures.Add(string.Create(CultureInfo.InvariantCulture, $"mean F1 {mean:0.0000} < {MeanThreshold}"));
}

foreach (string failure in failures)
{
    Console.WriteLine($"FAILED: {failure}");
}

Console.WriteLine(failures.Count == 0 ? "PDF score: PASS" : "PDF score: FAIL");
return failures.Count == 0 ? 0 : 1;

static (string? Text, int Pages, PdfTextExtractionException? Error) TryExtract(PdfSharpTextExtractor extractor, byte[] bytes)
{
    try
    {
        (string text, int pages) = extractor.Extract(bytes);
        return (text, pages, null);
    }
    catch (PdfTextExtractionException e)
    {
        return (null, 0, e);
    }
}
