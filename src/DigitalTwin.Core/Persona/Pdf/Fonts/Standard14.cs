using System.Globalization;
using DigitalTwin.Persona.Pdf.Fonts.Tables;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>The standard 14 fonts: name normalisation and glyph widths for fonts without /Widths.</summary>
internal static class Standard14
{
    private static readonly Lazy<Dictionary<string, Dictionary<string, int>>> Widths = new(Load);

    /// <summary>The standard-14 family a base font name stands for, or null.</summary>
    public static string? Normalize(string? baseFont)
    {
        if (string.IsNullOrEmpty(baseFont))
        {
            return null;
        }

        string name = baseFont.Length > 7 && baseFont[6] == '+' ? baseFont[7..] : baseFont;
        name = name.Replace(",", "-", StringComparison.Ordinal).Replace("MT", string.Empty, StringComparison.Ordinal).Replace("PS", string.Empty, StringComparison.Ordinal);
        bool bold = name.Contains("Bold", StringComparison.OrdinalIgnoreCase);
        bool italic = name.Contains("Italic", StringComparison.OrdinalIgnoreCase) || name.Contains("Oblique", StringComparison.OrdinalIgnoreCase);
        if (name.StartsWith("Courier", StringComparison.OrdinalIgnoreCase))
        {
            return "Courier";
        }

        if (name.StartsWith("Symbol", StringComparison.OrdinalIgnoreCase))
        {
            return "Symbol";
        }

        if (name.StartsWith("ZapfDingbats", StringComparison.OrdinalIgnoreCase))
        {
            return "ZapfDingbats";
        }

        if (name.StartsWith("Times", StringComparison.OrdinalIgnoreCase))
        {
            return bold ? (italic ? "Times-BoldItalic" : "Times-Bold") : (italic ? "Times-Italic" : "Times-Roman");
        }

        if (name.StartsWith("Helvetica", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Arial", StringComparison.OrdinalIgnoreCase))
        {
            return bold ? "Helvetica-Bold" : "Helvetica";
        }

        return null;
    }

    /// <summary>The width (1/1000 em) of a glyph of a standard-14 family, or null.</summary>
    public static int? Width(string family, string? glyphName)
    {
        if (family == "Courier")
        {
            return 600;
        }

        return glyphName is not null && Widths.Value.TryGetValue(family, out var table) && table.TryGetValue(glyphName, out int w) ? w : null;
    }

    private static Dictionary<string, Dictionary<string, int>> Load()
    {
        var fonts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (string font in Standard14WidthsData.Data.Split('#'))
        {
            int bar = font.IndexOf('|', StringComparison.Ordinal);
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string pair in font[(bar + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = pair.LastIndexOf(':');
                table[pair[..colon]] = int.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            }

            fonts[font[..bar]] = table;
        }

        return fonts;
    }
}
