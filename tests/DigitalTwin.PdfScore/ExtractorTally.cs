using System.Diagnostics;
using System.Globalization;

namespace DigitalTwin.PdfScore;

/// <summary>Times one extractor over the corpus (wall clock and process CPU) and keeps its F1 scores.</summary>
internal sealed class ExtractorTally(string name)
{
    private readonly List<double> _scores = [];
    private int _pages;
    private double _seconds, _cpuSeconds;

    /// <summary>Runs one extraction, counting its pages and time when it produced text.</summary>
    public (string? Text, int Pages, double Milliseconds) Run(Func<(string? Text, int Pages, string? Error)> extract)
    {
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        (string? text, int pages, _) = extract();
        clock.Stop();
        if (text is not null)
        {
            _pages += pages;
            _seconds += clock.Elapsed.TotalSeconds;
            _cpuSeconds += (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        }

        return (text, pages, clock.Elapsed.TotalMilliseconds);
    }

    public void Score(double f1) => _scores.Add(f1);

    public void Reset()
    {
        _pages = 0;
        _seconds = _cpuSeconds = 0;
        _scores.Clear();
    }

    public void Print()
    {
        double mean = _scores.Count == 0 ? 0 : _scores.Average(), min = _scores.Count == 0 ? 0 : _scores.Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: mean F1 {mean:0.0000}, min F1 {min:0.0000}; {_pages} pages in {_seconds:0.00} s = {_pages / Math.Max(_seconds, 1e-9):0.0} pages/s (CPU time {_cpuSeconds:0.00} s = {_pages / Math.Max(_cpuSeconds, 1e-9):0.0} pages/CPU-s)"));
    }
}
