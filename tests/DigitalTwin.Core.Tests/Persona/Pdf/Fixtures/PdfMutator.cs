// Also compiled into tests/DigitalTwin.PdfScore (linked), which has none of this project's global usings: keep its usings here.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>
/// Makes damaged variants of a PDF from a seeded <see cref="Random"/>: byte flips, truncation, a cut or wrong xref,
/// references retargeted into cycles, huge lengths and counts, deep nesting, bad filters, spliced chunks,
/// and every "endobj" or "endstream" removed.
/// </summary>
internal static partial class PdfMutator
{
    public static readonly string[] Kinds = ["flip", "truncate", "cut-xref", "cycle", "huge-length", "deep-nesting", "bad-filter", "splice", "no-terminators"];

    private static readonly string[] Filters =
        ["/Bogus", "/DCTDecode", "/LZWDecode", "/RunLengthDecode", "/ASCII85Decode", "/ASCIIHexDecode", "[/FlateDecode /FlateDecode]", "/JBIG2Decode", "/Crypt", "[]", "7"];

    private static readonly string[] HugeNumbers = ["99999999999", "2147483647", "-5", "4294967296", "1e308", "0"];

    /// <summary>One mutation of <paramref name="pdf"/>, named by its kind.</summary>
    public static (string Kind, byte[] Data) Mutate(byte[] pdf, Random random)
    {
        string kind = Kinds[random.Next(Kinds.Length)];
        string text = Encoding.Latin1.GetString(pdf);
        string result = kind switch
        {
            "flip" => Flip(text, random),
            "truncate" => text[..random.Next(text.Length)],
            "cut-xref" => CutXref(text, random),
            "cycle" => Cycle(text, random),
            "huge-length" => ReplaceOne(text, HugeNumberEntry(), m => $"{m.Groups[1].Value} {HugeNumbers[random.Next(HugeNumbers.Length)]}", random),
            "deep-nesting" => Nest(text, random),
            "bad-filter" => random.Next(3) == 0
                ? ReplaceOne(text, DecodeParms(), _ => "/DecodeParms << /Predictor 15 /Columns 99999999 /Colors 0 >>", random)
                : ReplaceOne(text, Filter(), _ => "/Filter " + Filters[random.Next(Filters.Length)], random),
            "no-terminators" => text.Replace(random.Next(2) == 0 ? "endobj" : "endstream", string.Empty, StringComparison.Ordinal),
            _ => Splice(text, random),
        };
        return (kind, Encoding.Latin1.GetBytes(result));
    }

    private static string Flip(string text, Random random)
    {
        char[] chars = text.ToCharArray();
        for (int i = 1 + random.Next(16); i > 0 && chars.Length > 0; i--)
        {
            int at = random.Next(chars.Length);
            chars[at] = random.Next(2) == 0 ? (char)random.Next(256) : (char)(chars[at] ^ (1 << random.Next(8)));
        }

        return new string(chars);
    }

    private static string CutXref(string text, Random random)
    {
        int xref = text.LastIndexOf(random.Next(2) == 0 ? "startxref" : "xref", StringComparison.Ordinal);
        return random.Next(3) switch
        {
            0 when xref > 0 => text[..xref],
            1 => XrefOffset().Replace(text, m => random.Next(4) == 0 ? random.Next(1_000_000).ToString("D10", CultureInfo.InvariantCulture) + m.Value[10..] : m.Value),
            _ => StartXref().Replace(text, _ => "startxref\n" + random.Next(text.Length * 2).ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Points a random reference at its own object or at another object, which makes cycles.</summary>
    private static string Cycle(string text, Random random)
    {
        MatchCollection headers = ObjectHeader().Matches(text);
        if (headers.Count == 0)
        {
            return text;
        }

        Match owner = headers[random.Next(headers.Count)];
        int end = text.IndexOf("endobj", owner.Index, StringComparison.Ordinal);
        end = end < 0 ? text.Length : end;
        string target = random.Next(2) == 0 ? owner.Groups[1].Value : headers[random.Next(headers.Count)].Groups[1].Value;
        string body = Reference().Replace(text[owner.Index..end], m => random.Next(2) == 0 ? $"{target} 0 R" : m.Value);
        return text[..owner.Index] + body + text[end..];
    }

    private static string Nest(string text, Random random)
    {
        int depth = random.Next(3) switch { 0 => 300, 1 => 5_000, _ => 100_000 };
        string open = random.Next(3) switch { 0 => "[", 1 => "<< /A ", _ => "q " };
        string close = open switch { "[" => "]", "q " => "Q ", _ => ">> " };
        string nest = string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, random.Next(2) == 0 ? depth : 0));
        int at = text.IndexOf(random.Next(2) == 0 ? "<<" : "BT", random.Next(text.Length), StringComparison.Ordinal);
        return at < 0 ? text + nest : text[..(at + 2)] + " /Deep " + nest + " " + text[(at + 2)..];
    }

    private static string Splice(string text, Random random)
    {
        int from = random.Next(text.Length), length = random.Next(Math.Min(4096, text.Length - from) + 1), to = random.Next(text.Length);
        return string.Concat(text.AsSpan(0, to), text.AsSpan(from, length), text.AsSpan(to));
    }

    private static string ReplaceOne(string text, Regex regex, Func<Match, string> replacement, Random random)
    {
        MatchCollection matches = regex.Matches(text);
        if (matches.Count == 0)
        {
            return Flip(text, random);
        }

        Match m = matches[random.Next(matches.Count)];
        return text[..m.Index] + replacement(m) + text[(m.Index + m.Length)..];
    }

    [GeneratedRegex(@"(/Length|/N|/First|/Count|/Size|/Columns)\s+\d+(\s+\d+\s+R)?")]
    private static partial Regex HugeNumberEntry();

    [GeneratedRegex(@"/Filter\s*(/\w+|\[[^\]]*\])")]
    private static partial Regex Filter();

    [GeneratedRegex(@"/DecodeParms\s*<<[^>]*>>")]
    private static partial Regex DecodeParms();

    [GeneratedRegex(@"\d{10} \d{5} [nf]")]
    private static partial Regex XrefOffset();

    [GeneratedRegex(@"startxref\s+\d+")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(?<!\d)(\d+) \d+ obj")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"(?<![\d.])\d+ \d+ R\b")]
    private static partial Regex Reference();
}
