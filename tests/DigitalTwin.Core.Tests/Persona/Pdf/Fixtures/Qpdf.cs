using System.Diagnostics;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>Runs the real qpdf (Debian package 'qpdf', installed by test.sh) on test PDFs.</summary>
internal static class Qpdf
{
    /// <summary>Runs "qpdf ARGS... in out" and returns the output file; warnings (exit code 3) are accepted.</summary>
    public static byte[] Run(byte[] input, params string[] arguments)
    {
        string folder = Directory.CreateTempSubdirectory("qpdf-").FullName;
        try
        {
            string inPath = Path.Combine(folder, "in.pdf"), outPath = Path.Combine(folder, "out.pdf");
            File.WriteAllBytes(inPath, input);
            var start = new ProcessStartInfo("qpdf") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(inPath);
            start.ArgumentList.Add(outPath);
            using Process process = StartOrExplain(start);
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode is 0 or 3
                ? File.ReadAllBytes(outPath)
                : throw new InvalidOperationException($"qpdf {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("qpdf is required by the encryption tests: install the Debian package 'qpdf' (./test.sh does).", e);
        }
    }
}
