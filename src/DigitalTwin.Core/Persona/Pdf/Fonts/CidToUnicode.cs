using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>
/// Unicode for CIDs of composite fonts without /ToUnicode: for embedded TrueType (CIDFontType2) fonts the font's
/// own cmap table is inverted (through /CIDToGIDMap); otherwise the Adobe character collection named by
/// /CIDSystemInfo (GB1, CNS1, Japan1, Korea1) is used. "Identity" collections without either stay unmapped.
/// </summary>
internal static class CidToUnicode
{
    public static Func<int, string?>? For(PdfDictionary? descendant, PdfExtractionContext context)
    {
        string? ordering = PdfObjects.GetDictionary(descendant, "/CIDSystemInfo") is { } info && PdfObjects.Get(info, "/Ordering") is PdfString s
            ? s.Value
            : null;
        int[]? collection = CharacterCollections.ForOrdering(ordering);
        Func<int, string?>? fromCollection = collection is null
            ? null
            : cid => cid >= 0 && cid < collection.Length && collection[cid] > 0 ? char.ConvertFromUtf32(collection[cid]) : null;
        return FromTrueType(descendant, context) ?? fromCollection;
    }

    private static Func<int, string?>? FromTrueType(PdfDictionary? descendant, PdfExtractionContext context)
    {
        if (PdfObjects.GetName(descendant, "/Subtype") != "CIDFontType2" ||
            PdfObjects.GetDictionary(PdfObjects.GetDictionary(descendant, "/FontDescriptor"), "/FontFile2") is not { } fontFile ||
            StreamDecoder.Decode(fontFile, context) is not { } data)
        {
            return null;
        }

        Dictionary<int, int>? glyphToUnicode = TrueTypeCmapReader.ReadGlyphToUnicode(data);
        if (glyphToUnicode is null || glyphToUnicode.Count == 0)
        {
            return null;
        }

        byte[]? cidToGid = PdfObjects.Get(descendant, "/CIDToGIDMap") is PdfDictionary map ? StreamDecoder.Decode(map, context) : null;
        return cid =>
        {
            int gid = cidToGid is not null && (2 * cid) + 1 < cidToGid.Length ? (cidToGid[2 * cid] << 8) | cidToGid[(2 * cid) + 1] : cid;
            return glyphToUnicode.TryGetValue(gid, out int scalar) ? char.ConvertFromUtf32(scalar) : null;
        };
    }
}
