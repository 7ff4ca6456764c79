using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>Edits finished PDFs the way real writers do: incremental updates and other line endings.</summary>
internal static partial class PdfRevisions
{
    /// <summary>
    /// Appends an incremental update that (re)defines the given objects, with a cross-reference section and a trailer
    /// that keeps the file's /Root, /Encrypt and /ID and points back with /Prev.
    /// </summary>
    public static byte[] Append(byte[] pdf, params (int Number, byte[] Body)[] objects)
    {
        string text = Encoding.Latin1.GetString(pdf);
        using var output = new MemoryStream();
        output.Write(pdf);
        Write(output, "\n");
        var offsets = new List<(int Number, long Offset)>();
        foreach ((int number, byte[] body) in objects)
        {
            offsets.Add((number, output.Position));
            Write(output, $"{number} 0 obj\n");
            output.Write(body);
            Write(output, "\nendobj\n");
        }

        long xref = output.Position;
        Write(output, "xref\n");
        foreach ((int number, long offset) in offsets)
        {
            Write(output, string.Create(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n\r\n"));
        }

        string prev = StartXref().Matches(text)[^1].Groups[1].Value;
        string size = Size().Matches(text)[^1].Groups[1].Value;
        string encrypt = Encrypt().Match(text) is { Success: true } e ? $" /Encrypt {e.Groups[1].Value}" : string.Empty;
        string id = Id().Match(text) is { Success: true } i ? $" /ID {i.Groups[1].Value}" : string.Empty;
        Write(output, $"trailer\n<< /Size {size} /Root {Root().Matches(text)[^1].Groups[1].Value}{encrypt}{id} /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>A text body for <see cref="Append"/>.</summary>
    public static (int, byte[]) Object(int number, string body) => (number, Encoding.Latin1.GetBytes(body));

    /// <summary>A stream body for <see cref="Append"/>, with its /Length.</summary>
    public static (int, byte[]) Stream(int number, string entries, string data) =>
        Object(number, $"<< {entries} /Length {data.Length} >>\nstream\n{data}\nendstream");

    /// <summary>The object number of the first page's /Contents stream (page dictionaries are written in the clear).</summary>
    public static int FirstContents(byte[] pdf) =>
        int.Parse(Regex.Match(Encoding.Latin1.GetString(pdf), @"/Contents (\d+) 0 R").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The body of an object up to "endobj" (for dictionaries written in the clear).</summary>
    public static string BodyOf(byte[] pdf, int number) =>
        Regex.Match(Encoding.Latin1.GetString(pdf), $@"(?<!\d){number} 0 obj\s*(.*?)\s*endobj", RegexOptions.Singleline).Groups[1].Value;

    /// <summary>Replaces every line feed outside stream data with a carriage return (offsets stay valid).</summary>
    public static byte[] WithCarriageReturns(byte[] pdf)
    {
        byte[] result = (byte[])pdf.Clone();
        string text = Encoding.Latin1.GetString(pdf);
        int position = 0;
        foreach (Match m in StreamData().Matches(text))
        {
            Replace(result, position, m.Index);
            position = m.Index + m.Length;
        }

        Replace(result, position, result.Length);
        return result;
    }

    private static void Replace(byte[] data, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            data[i] = data[i] == '\n' && (i == 0 || data[i - 1] != '\r') ? (byte)'\r' : data[i];
        }
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex Root();

    [GeneratedRegex(@"/Encrypt\s+(\d+\s+\d+\s+R)")]
    private static partial Regex Encrypt();

    [GeneratedRegex(@"/ID\s*(\[\s*<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\s*\])")]
    private static partial Regex Id();

    [GeneratedRegex(@"stream\r?\n.*?endstream", RegexOptions.Singleline)]
    private static partial Regex StreamData();
}
