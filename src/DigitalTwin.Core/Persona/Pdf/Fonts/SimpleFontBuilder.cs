using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Builds simple fonts (Type 1, TrueType, Type 3): encoding with /Differences, glyph names, widths.</summary>
internal static class SimpleFontBuilder
{
    public static PdfFont Build(PdfDictionary dictionary, PdfExtractionContext context)
    {
        string? subtype = PdfObjects.GetName(dictionary, "/Subtype");
        string? baseFont = PdfObjects.GetName(dictionary, "/BaseFont");
        string? family = Standard14.Normalize(baseFont);
        PdfDictionary? descriptor = PdfObjects.GetDictionary(dictionary, "/FontDescriptor");
        int flags = (int)(PdfObjects.GetNumber(descriptor, "/Flags") ?? 0);
        bool symbolic = (flags & 4) != 0 && (flags & 32) == 0;

        string?[] names = BaseEncoding(dictionary, subtype, family, descriptor, symbolic, context);
        ApplyDifferences(names, PdfObjects.GetDictionary(dictionary, "/Encoding"));

        var unicode = new string?[256];
        for (int code = 0; code < 256; code++)
        {
            unicode[code] = (family == "ZapfDingbats" ? GlyphNames.ToDingbat(names[code]) : null) ??
                            GlyphNames.ToUnicode(names[code]) ?? NumericName(names[code], code, symbolic);
        }

        double scale = 0.001, sizeFactor = 1;
        if (subtype == "Type3" && PdfObjects.GetArray(dictionary, "/FontMatrix") is { } matrix)
        {
            var m = PdfObjects.Items(matrix).Select(PdfObjects.AsNumber).ToArray();
            if (m.Length >= 4 && m[0] is double a && m[3] is double d && a != 0)
            {
                scale = Math.Abs(a);
                var box = PdfObjects.Items(PdfObjects.GetArray(dictionary, "/FontBBox")).Select(PdfObjects.AsNumber).ToArray();
                double height = box.Length == 4 && box[1] is double bottom && box[3] is double top ? Math.Abs(top - bottom) * Math.Abs(d) : 0;
                sizeFactor = height is >= 0.3 and <= 2.5 ? height : 1;
            }
        }

        return new PdfFont
        {
            ToUnicode = PdfFontLoader.ReadToUnicode(dictionary, context),
            SimpleUnicode = unicode,
            SimpleWidths = Widths(dictionary, descriptor, family, names, scale),
            SizeFactor = sizeFactor,
        };
    }

    /// <summary>A font for damaged font dictionaries: WinAnsi names, Helvetica widths.</summary>
    public static PdfFont Fallback()
    {
        string?[] names = [.. Encodings.WinAnsi];
        return new PdfFont
        {
            SimpleUnicode = [.. names.Select(GlyphNames.ToUnicode)],
            SimpleWidths = [.. names.Select(n => (Standard14.Width("Helvetica", n) ?? 500) * 0.001)],
        };
    }

    private static string?[] BaseEncoding(
        PdfDictionary dictionary, string? subtype, string? family, PdfDictionary? descriptor, bool symbolic, PdfExtractionContext context)
    {
        PdfItem? encoding = PdfObjects.Get(dictionary, "/Encoding");
        string? baseName = encoding is PdfDictionary d ? PdfObjects.GetName(d, "/BaseEncoding") : PdfObjects.AsName(encoding);
        if (Encodings.ByName(baseName) is { } named && family is not ("Symbol" or "ZapfDingbats"))
        {
            return [.. named];
        }

        if (family == "Symbol")
        {
            return [.. Encodings.Symbol];
        }

        if (family == "ZapfDingbats")
        {
            return [.. Encodings.ZapfDingbats];
        }

        if (subtype is "Type1" or "MMType1" && Type1BuiltinEncoding.Read(descriptor, context) is { } builtin)
        {
            return builtin;
        }

        if (subtype == "TrueType" && symbolic)
        {
            return new string?[256];
        }

        return [.. subtype == "TrueType" ? Encodings.WinAnsi : Encodings.Standard];
    }

    private static void ApplyDifferences(string?[] names, PdfDictionary? encoding)
    {
        int code = 0;
        foreach (PdfItem? item in PdfObjects.Items(PdfObjects.GetArray(encoding, "/Differences")))
        {
            if (PdfObjects.AsNumber(item) is double number)
            {
                code = (int)number;
            }
            else if (PdfObjects.AsName(item) is { } name)
            {
                if (code is >= 0 and < 256)
                {
                    names[code] = name;
                }

                code++;
            }
        }
    }

    /// <summary>
    /// Glyph names outside the glyph list. Names of one or two letters and a decimal number ("a44", "g13", "cid80")
    /// stand for that Unicode value, as poppler reads them; symbolic TrueType fonts without names use the code.
    /// </summary>
    private static string? NumericName(string? name, int code, bool symbolic)
    {
        if (name is null)
        {
            return symbolic && code >= 32 ? ((char)code).ToString() : null;
        }

        int letters = 0;
        while (letters < name.Length && letters < 3 && char.IsAsciiLetter(name[letters]))
        {
            letters++;
        }

        ReadOnlySpan<char> digits = name.AsSpan(letters);
        if (letters is < 1 or > 3 || digits.Length is < 2 or > 5 || !digits.ToString().All(char.IsAsciiDigit) ||
            (letters == 3 && !name.StartsWith("cid", StringComparison.Ordinal)))
        {
            return null;
        }

        int value = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return value is >= 32 and (< 0xD800 or > 0xDFFF) && value <= 0x10FFFF ? char.ConvertFromUtf32(value) : null;
    }

    private static double[] Widths(PdfDictionary dictionary, PdfDictionary? descriptor, string? family, string?[] names, double scale)
    {
        var widths = new double[256];
        double missing = PdfObjects.GetNumber(descriptor, "/MissingWidth") ?? 0;
        int first = (int)(PdfObjects.GetNumber(dictionary, "/FirstChar") ?? 0);
        var given = PdfObjects.Items(PdfObjects.GetArray(dictionary, "/Widths")).Select(PdfObjects.AsNumber).ToArray();
        for (int code = 0; code < 256; code++)
        {
            int index = code - first;
            double? w = index >= 0 && index < given.Length ? given[index] : null;
            w ??= family is not null ? Standard14.Width(family, names[code]) : null;
            w ??= given.Length == 0 && family is null ? Standard14.Width("Helvetica", names[code]) ?? 500 : missing;
            widths[code] = w.Value * scale;
        }

        return widths;
    }
}
