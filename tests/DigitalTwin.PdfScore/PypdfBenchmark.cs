using System.Diagnostics;
using System.Globalization;

namespace DigitalTwin.PdfScore;

/// <summary>Times Debian's python3-pypdf over the same files, when it is installed.</summary>
internal static class PypdfBenchmark
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, time, pypdf
        pages = 0
        start = time.perf_counter()
        cpu = time.process_time()
        for path in sys.argv[1:]:
            try:
                reader = pypdf.PdfReader(path)
                if reader.is_encrypted:
                    reader.decrypt("")
                for page in reader.pages:
                    page.extract_text()
                    pages += 1
            except Exception:
                pass
        print(pages, time.perf_counter() - start, time.process_time() - cpu)
        """;

    /// <summary>Pages, wall-clock seconds and CPU seconds, or null when pypdf is not available.</summary>
    public static (int Pages, double Seconds, double CpuSeconds)? Run(IEnumerable<string> files)
    {
        if (!File.Exists(Python))
        {
            return null;
        }

        string script = Path.Combine(Path.GetTempPath(), "digitaltwin-pypdf-bench.py");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (string file in files)
        {
            start.ArgumentList.Add(file);
        }

        using Process? process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        string output = process.StandardOutput.ReadToEnd();
        _ = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string[] parts = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return process.ExitCode == 0 && parts.Length == 3 &&
               int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pages) &&
               double.TryParse(parts[1], CultureInfo.InvariantCulture, out double seconds) &&
               double.TryParse(parts[2], CultureInfo.InvariantCulture, out double cpuSeconds)
            ? (pages, seconds, cpuSeconds)
            : null;
    }
}
