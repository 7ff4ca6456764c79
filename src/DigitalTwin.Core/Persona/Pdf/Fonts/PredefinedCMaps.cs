using System.Text;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>
/// The predefined CMaps a Type 0 font can name: Identity-H/V, the Unicode (UCS2/UTF16) CMaps, and the legacy
/// CJK encodings (GBK, Shift-JIS, EUC, Big5, UHC), decoded with .NET code pages.
/// </summary>
internal static class PredefinedCMaps
{
    /// <summary>A new instance of the named predefined CMap, or null when it is unknown.</summary>
    public static CMap? Get(string name)
    {
        var cmap = new CMap { WMode = name.EndsWith("-V", StringComparison.Ordinal) ? 1 : 0 };
        if (name is "Identity-H" or "Identity-V")
        {
            cmap.AddCodespace(2, 0, 0xFFFF);
            cmap.IsIdentity = true;
            return cmap;
        }

        if (name.StartsWith("Uni", StringComparison.Ordinal) && (name.Contains("UCS2", StringComparison.Ordinal) || name.Contains("UTF16", StringComparison.Ordinal)))
        {
            cmap.AddCodespace(2, 0, 0xFFFF);
            cmap.AddCodespace(4, 0xD800DC00, 0xDBFFDFFF);
            cmap.CodeIsUtf16 = true;
            return cmap;
        }

        (int codePage, (int Length, uint Low, uint High)[] spaces)? legacy = name switch
        {
            _ when name.StartsWith("GBK", StringComparison.Ordinal) || name.StartsWith("GBpc", StringComparison.Ordinal) ||
                   name.StartsWith("GBT", StringComparison.Ordinal) || name.StartsWith("GB-", StringComparison.Ordinal) =>
                (936, [(1, 0x00, 0x80), (2, 0x8140, 0xFEFE)]),
            _ when name.Contains("RKSJ", StringComparison.Ordinal) =>
                (932, [(1, 0x00, 0x80), (1, 0xA0, 0xDF), (2, 0x8140, 0x9FFC), (2, 0xE040, 0xFCFC)]),
            _ when name.StartsWith("EUC-", StringComparison.Ordinal) =>
                (51932, [(1, 0x00, 0x80), (2, 0x8EA0, 0x8EDF), (2, 0xA1A1, 0xFEFE)]),
            _ when name.StartsWith("KSC", StringComparison.Ordinal) =>
                (949, [(1, 0x00, 0x80), (2, 0x8141, 0xFEFE)]),
            _ when name.StartsWith("B5", StringComparison.Ordinal) || name.StartsWith("ETen", StringComparison.Ordinal) ||
                   name.StartsWith("HKscs", StringComparison.Ordinal) =>
                (950, [(1, 0x00, 0x80), (2, 0xA140, 0xFEFE)]),
            _ => null,
        };
        if (legacy is not { } found)
        {
            return null;
        }

        foreach (var (length, low, high) in found.spaces)
        {
            cmap.AddCodespace(length, low, high);
        }

        cmap.TextEncoding = CodePagesEncodingProvider.Instance.GetEncoding(found.codePage);
        return cmap;
    }
}
