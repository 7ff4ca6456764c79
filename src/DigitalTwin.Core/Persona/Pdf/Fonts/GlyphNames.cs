using System.Globalization;
using System.Text;
using DigitalTwin.Persona.Pdf.Fonts.Tables;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Maps glyph names to Unicode: the Adobe Glyph List, uniXXXX, uXXXX[XX], suffixes and ligature names.</summary>
internal static class GlyphNames
{
    private static readonly Lazy<Dictionary<string, string>> Table = new(() => Load(GlyphListData.Data));
    private static readonly Lazy<Dictionary<string, string>> Dingbats = new(() => Load(ZapfDingbatsNamesData.Data));

    /// <summary>The Unicode text of a ZapfDingbats glyph name ("a1" is ✁), or null.</summary>
    public static string? ToDingbat(string? name) =>
        name is not null && Dingbats.Value.TryGetValue(name, out string? text) ? text : null;

    /// <summary>The Unicode text of a glyph name, or null when the name is not meaningful.</summary>
    public static string? ToUnicode(string? name)
    {
        if (string.IsNullOrEmpty(name) || name == ".notdef")
        {
            return null;
        }

        if (Table.Value.TryGetValue(name, out string? text))
        {
            return text;
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            return ToUnicode(name[..dot]);
        }

        if (name.Contains('_', StringComparison.Ordinal))
        {
            var sb = new StringBuilder();
            foreach (string part in name.Split('_'))
            {
                string? piece = ToUnicode(part);
                if (piece is null)
                {
                    return null;
                }

                sb.Append(piece);
            }

            return sb.ToString();
        }

        return ParseUniName(name);
    }

    private static string? ParseUniName(string name)
    {
        if (name.StartsWith("uni", StringComparison.Ordinal) && name.Length >= 7 && (name.Length - 3) % 4 == 0)
        {
            var sb = new StringBuilder();
            for (int i = 3; i < name.Length; i += 4)
            {
                if (!int.TryParse(name.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int unit) ||
                    unit is >= 0xD800 and <= 0xDFFF)
                {
                    return null;
                }

                sb.Append((char)unit);
            }

            return sb.ToString();
        }

        if (name.Length is >= 5 and <= 7 && name[0] == 'u' &&
            int.TryParse(name.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int scalar) &&
            scalar is (>= 0 and < 0xD800) or (> 0xDFFF and <= 0x10FFFF))
        {
            return char.ConvertFromUtf32(scalar);
        }

        return null;
    }

    private static Dictionary<string, string> Load(string data)
    {
        var table = new Dictionary<string, string>(4400, StringComparer.Ordinal);
        foreach (string entry in data.Split(';'))
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var sb = new StringBuilder();
            foreach (string hex in entry[(eq + 1)..].Split(','))
            {
                sb.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));
            }

            table[entry[..eq]] = sb.ToString();
        }

        return table;
    }
}
