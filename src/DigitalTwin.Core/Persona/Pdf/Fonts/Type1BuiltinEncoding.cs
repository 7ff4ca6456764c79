using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Reads the built-in encoding ("dup 65 /A put") from the clear-text part of an embedded Type 1 font.</summary>
internal static partial class Type1BuiltinEncoding
{
    public static string?[]? Read(PdfDictionary? descriptor, PdfExtractionContext context)
    {
        if (PdfObjects.GetDictionary(descriptor, "/FontFile") is not { } fontFile || StreamDecoder.Decode(fontFile, context) is not { } data)
        {
            return null;
        }

        int clearLength = (int)(PdfObjects.GetNumber(fontFile, "/Length1") ?? data.Length);
        string clear = Encoding.Latin1.GetString(data, 0, Math.Clamp(clearLength, 0, Math.Min(data.Length, 1 << 20)));
        if (clear.Contains("/Encoding StandardEncoding", StringComparison.Ordinal))
        {
            return [.. Encodings.Standard];
        }

        var names = new string?[256];
        bool any = false;
        foreach (Match m in DupPattern().Matches(clear))
        {
            int code = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (code is >= 0 and < 256)
            {
                names[code] = m.Groups[2].Value;
                any = true;
            }
        }

        return any ? names : null;
    }

    [GeneratedRegex(@"dup\s+(\d{1,3})\s*/([^\s/\[\]()<>{}%]+)\s+put", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DupPattern();
}
