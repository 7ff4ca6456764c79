using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>
/// Unicode for CIDs of composite fonts without /ToUnicode: for embedded TrueType (CIDFontType2) fonts the
/// font's own cmap table is inverted (through /CIDToGIDMap).
/// </summary>
internal static class CidToUnicode
{
    public static Func<int, string?>? For(PdfDictionary? descendant, PdfExtractionContext context)
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
