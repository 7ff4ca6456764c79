using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Rebuilds a damaged PDF so PDFsharp can open it: scans for "N G obj ... endobj" objects (later definitions win,
/// as with incremental updates), corrects each stream's /Length to the data actually found before "endstream",
/// and writes the objects again with a fresh cross-reference table and trailer. Truncated trailing objects are dropped.
/// </summary>
internal static partial class XrefRepair
{
    public static byte[]? Repair(byte[] data)
    {
        string text = Encoding.Latin1.GetString(data);
        var objects = new SortedDictionary<int, string>();
        var search = new Searches(new(text, "endobj"), new(text, "stream"), new(text, "endstream"));
        foreach (Match m in ObjectHeader().Matches(text))
        {
            int number = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (number is > 0 and < 10_000_000 && ReadObject(text, m.Index + m.Length, search) is { } body)
            {
                objects[number] = body;
            }
        }

        string? root = LastMatch(RootReference(), text) ?? objects.FirstOrDefault(o => CatalogType().IsMatch(o.Value)).Key.ToString(CultureInfo.InvariantCulture);
        if (objects.Count == 0 || root is null or "0" || !objects.ContainsKey(int.Parse(root, CultureInfo.InvariantCulture)))
        {
            return null;
        }

        var sb = new StringBuilder("%PDF-1.7\n");
        var offsets = new Dictionary<int, int>();
        foreach ((int number, string body) in objects)
        {
            offsets[number] = sb.Length;
            sb.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        int size = objects.Keys.Max() + 1, xref = sb.Length;
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f\r\n");
        for (int n = 1; n < size; n++)
        {
            sb.Append(offsets.TryGetValue(n, out int offset) ? string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n") : "0000000000 65535 f\r\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>The object's body up to "endobj", with a stream's /Length corrected; null when truncated.</summary>
    private static string? ReadObject(string text, int start, Searches search)
    {
        int end = search.Endobj.From(start);
        int stream = search.Stream.From(start);
        if (stream < 0 || (end >= 0 && stream > end))
        {
            return end < 0 ? null : text[start..end].Trim();
        }

        int dataStart = stream + 6;
        if (dataStart < text.Length && text[dataStart] == '\r')
        {
            dataStart++;
        }

        if (dataStart < text.Length && text[dataStart] == '\n')
        {
            dataStart++;
        }

        int dataEnd = search.Endstream.From(dataStart);
        if (dataEnd < 0)
        {
            return null;
        }

        end = search.Endobj.From(dataEnd);
        int length = dataEnd - dataStart;
        length -= length > 0 && text[dataStart + length - 1] == '\n' ? 1 : 0;
        length -= length > 0 && text[dataStart + length - 1] == '\r' ? 1 : 0;
        string dictionary = LengthEntry().Replace(text[start..stream], string.Empty).TrimEnd();
        int close = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        if (close < 0 || end < 0)
        {
            return null;
        }

        dictionary = dictionary[..close] + string.Create(CultureInfo.InvariantCulture, $" /Length {length} >>");
        return $"{dictionary.Trim()}\nstream\n{text.Substring(dataStart, length)}\nendstream";
    }

    /// <summary>The forward searches shared by every object of one repair, so a file without terminators stays linear.</summary>
    private sealed record Searches(NextOccurrence Endobj, NextOccurrence Stream, NextOccurrence Endstream);

    private static string? LastMatch(Regex regex, string text)
    {
        MatchCollection matches = regex.Matches(text);
        return matches.Count > 0 ? matches[^1].Groups[1].Value : null;
    }

    [GeneratedRegex(@"(?<![0-9])(\d{1,8})\s+\d{1,5}\s+obj\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Root\s+(\d{1,8})\s+\d{1,5}\s+R", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex RootReference();

    [GeneratedRegex(@"/Type\s*/Catalog\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex CatalogType();

    [GeneratedRegex(@"/Length\s+\d+(\s+\d+\s+R)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex LengthEntry();
}
