using System.Globalization;
using DigitalTwin.PdfScore;
using DigitalTwin.Persona.Pdf;

// Scores our extractor and the peer PdfPig 0.1.16 against pdftotext (plain mode) over one or more corpus folders,
// next to the stored pypdf texts. Exit code 0 when the thresholds and the peer comparison pass.
const double MeanThreshold = 0.95, MinThreshold = 0.80, PeerMargin = 0.02;
var expectedErrors = new Dictionary<string, PdfTextExtractionFailure>(StringComparer.Ordinal)
{
    ["resume_billryan_en_quartz.pdf"] = PdfTextExtractionFailure.NoText,
    ["pdfminer_aes256_userpw_foo.pdf"] = PdfTextExtractionFailure.PasswordProtected,
};

if (args.Length >= 2 && args[0] == "--glyphs")
{
    return GlyphDump.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
}

if (args.Length >= 3 && args[0] == "--fuzz")
{
    return FuzzCommand.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args[2..]);
}

bool verbose = args.Contains("--verbose");
string[] folders = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
folders = folders.Length > 0 ? folders : ["../shared/pdf-corpus"];
if (folders.FirstOrDefault(f => !Directory.Exists(f)) is { } missing)
{
    Console.Error.WriteLine($"Corpus folder not found: {missing}");
    return 2;
}

string[] files = [.. folders.SelectMany(f => Directory.GetFiles(f, "*.pdf").Order(StringComparer.Ordinal))];
Dictionary<string, string> peerExceptions = PeerExceptions.Load();
var extractor = new PdfSharpTextExtractor();
var ours = new ExtractorTally("ours");
var pdfPig = new ExtractorTally("PdfPig 0.1.16 (ContentOrderTextExtractor)");
ours.Run(() => TryExtract(extractor, File.ReadAllBytes(files[0])) is var (t, p, x) ? (t, p, x?.Message) : default);
pdfPig.Run(() => PdfPigPeer.Extract(File.ReadAllBytes(files[0])));
ours.Reset();
pdfPig.Reset();

var scores = new List<double>();
var failures = new List<string>();
var timedFiles = new List<string>();
double pypdfScoreSum = 0;
Console.WriteLine("        F1: ours  PdfPig  pypdf   pages/s: ours  PdfPig  file");
foreach (string file in files)
{
    string name = Path.GetFileName(file);
    PdfTextExtractionFailure? expected = expectedErrors.TryGetValue(name, out var e) ? e
        : name.StartsWith("pypdf_libreoffice_password_", StringComparison.Ordinal) ? PdfTextExtractionFailure.PasswordProtected : null;
    byte[] bytes = File.ReadAllBytes(file);
    PdfTextExtractionException? error = null;
    (string? text, int oursPages, double oursMs) = ours.Run(() =>
    {
        (string? t, int p, error) = TryExtract(extractor, bytes);
        return (t, p, error?.Message);
    });
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

    (string? peerText, int peerPages, double peerMs) = pdfPig.Run(() => PdfPigPeer.Extract(bytes));
    string reference = File.ReadAllText(Path.ChangeExtension(file, ".pdftotext-raw.txt"));
    double score = text is null ? 0 : WordF1.Score(text, reference);
    double peerScore = peerText is null ? 0 : WordF1.Score(peerText, reference);
    string pypdfPath = Path.ChangeExtension(file, ".pypdf.txt");
    double pypdfScore = File.Exists(pypdfPath) ? WordF1.Score(File.ReadAllText(pypdfPath), reference) : 0;
    pypdfScoreSum += pypdfScore;
    scores.Add(score);
    ours.Score(score);
    pdfPig.Score(peerScore);
    if (text is not null)
    {
        timedFiles.Add(file);
    }

    bool belowPeer = score < peerScore - PeerMargin;
    string status = score < MinThreshold ? "LOW " : belowPeer && !peerExceptions.ContainsKey(name) ? "PEER" : "ok  ";
    string note = error is null ? string.Empty : $"  ({error.Failure}: {error.Message})";
    note += belowPeer && peerExceptions.TryGetValue(name, out string? reason) ? $"  (below PdfPig, listed: {reason})" : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{status}      {score:0.000}  {peerScore:0.000}   {pypdfScore:0.000}  {PagesPerSecond(oursPages, oursMs),13:0.0} {PagesPerSecond(peerPages, peerMs),7:0.0}  {name}{note}"));
    if (score < MinThreshold)
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: F1 {score:0.000} < {MinThreshold}"));
    }

    if (status == "PEER")
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: F1 {score:0.000} is below PdfPig's {peerScore:0.000} by more than {PeerMargin} (list it in peer-exceptions.tsv with a reason, or fix it)"));
    }

    if (verbose)
    {
        File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".ours.txt"), text ?? string.Empty);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".pdfpig.txt"), peerText ?? string.Empty);
    }
}

double mean = scores.Count == 0 ? 0 : scores.Average();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files scored: {scores.Count} from {string.Join(", ", folders)}; thresholds: mean >= {MeanThreshold}, min >= {MinThreshold}, never more than {PeerMargin} below PdfPig unless listed"));
ours.Print();
pdfPig.Print();
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

static double PagesPerSecond(int pages, double milliseconds) => pages / Math.Max(milliseconds / 1000, 1e-9);

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
