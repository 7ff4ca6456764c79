using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Rebuilds a damaged or missing cross-reference table by scanning for "N G obj" headers, and appends a new
/// xref section and trailer so PDFsharp can open files whose xref or startxref is broken (e.g. truncated files).
/// </summary>
internal static partial class XrefRepair
{
    public static byte[]? Repair(byte[] data)
    {
        string text = Encoding.Latin1.GetString(data);
        var offsets = new SortedDictionary<int, int>();
        foreach (Match m in ObjectHeader().Matches(text))
        {
            int number = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (number is > 0 and < 10_000_000)
            {
                offsets[number] = m.Groups[2].Index;
            }
        }

        string? root = LastMatch(RootReference(), text);
        if (root is null)
        {
            Match catalog = CatalogObject().Match(text);
            root = catalog.Success ? catalog.Groups[1].Value : null;
        }

        if (root is null || offsets.Count == 0)
        {
            return null;
        }

        int size = offsets.Keys.Max() + 1;
        var sb = new StringBuilder();
        sb.Append("\nxref\n0 ").Append(size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("0000000000 65535 f\r\n");
        for (int n = 1; n < size; n++)
        {
            sb.Append(offsets.TryGetValue(n, out int offset)
                ? string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n")
                : "0000000000 65535 f\r\n");
        }

        int xrefOffset = data.Length + 1;
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xrefOffset}\n%%EOF\n");
        byte[] tail = Encoding.Latin1.GetBytes(sb.ToString());
        return [.. data, .. tail];
    }

    private static string? LastMatch(Regex regex, string text)
    {
        MatchCollection matches = regex.Matches(text);
        return matches.Count > 0 ? matches[^1].Groups[1].Value : null;
    }

    [GeneratedRegex(@"(^|[\r\n\s])(\d{1,8})\s+\d{1,5}\s+obj\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Root\s+(\d{1,8})\s+\d{1,5}\s+R", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex RootReference();

    [GeneratedRegex(@"(\d{1,8})\s+\d{1,5}\s+obj\s*<<[^>]{0,200}/Type\s*/Catalog", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex CatalogObject();
}
