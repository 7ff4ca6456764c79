using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Checks a file before PDFsharp parses it, because PDFsharp recurses without limits: refuses nesting deeper than
/// the limit (in the file and inside compressed object streams) and page trees whose /Kids form a loop.
/// </summary>
internal static partial class StructureGuard
{
    private const int MaxObjectStreamBytes = 32 * 1024 * 1024;

    /// <summary>Why the file is refused, or null when it looks safe to parse.</summary>
    public static string? Check(byte[] data, int maxNesting)
    {
        if (NestingGuard.MaxDepth(data) > maxNesting)
        {
            return $"The PDF nests arrays or dictionaries deeper than {maxNesting} levels.";
        }

        var kids = new Dictionary<int, List<int>>();
        string text = Encoding.Latin1.GetString(data);
        var endobjs = new NextOccurrence(text, "endobj");
        var streams = new NextOccurrence(text, "stream");
        var endstreams = new NextOccurrence(text, "endstream");
        foreach (Match header in ObjectHeader().Matches(text))
        {
            int number = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
            int start = header.Index + header.Length;
            int end = endobjs.From(start);
            int stream = streams.From(start);
            int bodyEnd = stream >= 0 && (end < 0 || stream < end) ? stream : end < 0 ? Math.Min(text.Length, start + 4096) : end;
            string body = text[start..bodyEnd];
            RecordKids(kids, number, body);
            if (bodyEnd == stream && body.Contains("/ObjStm", StringComparison.Ordinal) &&
                ReadObjectStream(data, endstreams, body, stream) is { } decoded)
            {
                if (NestingGuard.MaxDepth(decoded) > maxNesting)
                {
                    return $"The PDF nests arrays or dictionaries deeper than {maxNesting} levels in an object stream.";
                }

                RecordObjectStreamKids(kids, Encoding.Latin1.GetString(decoded), body);
            }
        }

        return PageTreeCycle.Find(kids) ? "The PDF's page tree refers back to itself (a loop)." : null;
    }

    private static void RecordKids(Dictionary<int, List<int>> kids, int number, string body)
    {
        Match m = KidsArray().Match(body);
        if (m.Success)
        {
            kids[number] = [.. Reference().Matches(m.Groups[1].Value).Select(r => int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture))];
        }
    }

    private static void RecordObjectStreamKids(Dictionary<int, List<int>> kids, string decoded, string dictionary)
    {
        Match first = FirstEntry().Match(dictionary);
        if (!first.Success || !int.TryParse(first.Groups[1].Value, CultureInfo.InvariantCulture, out int firstOffset) || firstOffset > decoded.Length)
        {
            return;
        }

        MatchCollection numbers = Integer().Matches(decoded[..firstOffset]);
        for (int i = 0; i + 1 < numbers.Count; i += 2)
        {
            int number = int.Parse(numbers[i].Value, CultureInfo.InvariantCulture);
            int offset = firstOffset + int.Parse(numbers[i + 1].Value, CultureInfo.InvariantCulture);
            int next = i + 3 < numbers.Count ? firstOffset + int.Parse(numbers[i + 3].Value, CultureInfo.InvariantCulture) : decoded.Length;
            if (offset >= 0 && offset <= next && next <= decoded.Length)
            {
                RecordKids(kids, number, decoded[offset..next]);
            }
        }
    }

    private static byte[]? ReadObjectStream(byte[] data, NextOccurrence endstreams, string dictionary, int streamKeyword)
    {
        if (!dictionary.Contains("/FlateDecode", StringComparison.Ordinal))
        {
            return null;
        }

        int start = streamKeyword + 6;
        start += start < data.Length && data[start] == '\r' ? 1 : 0;
        start += start < data.Length && data[start] == '\n' ? 1 : 0;
        int end = endstreams.From(start);
        if (end < 0 || end - start < 2)
        {
            return null;
        }

        using var input = new MemoryStream(data, start + 2, end - start - 2);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[16384];
        try
        {
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0 && output.Length < MaxObjectStreamBytes)
            {
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Damaged data: check what could be inflated.
        }

        return output.ToArray();
    }

    [GeneratedRegex(@"(?<![0-9])(\d{1,8})\s+\d{1,5}\s+obj\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Kids\s*\[([^\]]{0,100000})\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex KidsArray();

    [GeneratedRegex(@"(\d{1,8})\s+\d{1,5}\s+R", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex Reference();

    [GeneratedRegex(@"/First\s+(\d{1,9})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex FirstEntry();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex Integer();
}
