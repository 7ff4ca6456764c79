using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Builds <see cref="PdfFont"/>s from font dictionaries, once per dictionary.</summary>
internal sealed class PdfFontLoader
{
    private readonly Dictionary<PdfDictionary, PdfFont> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly PdfExtractionContext _context;

    public PdfFontLoader(PdfExtractionContext context) => _context = context;

    /// <summary>The font for a font dictionary; a Helvetica-like fallback for damaged fonts.</summary>
    public PdfFont Load(PdfDictionary dictionary)
    {
        if (_cache.TryGetValue(dictionary, out PdfFont? font))
        {
            return font;
        }

        try
        {
            font = PdfObjects.GetName(dictionary, "/Subtype") == "Type0"
                ? CompositeFontBuilder.Build(dictionary, _context)
                : SimpleFontBuilder.Build(dictionary, _context);
        }
        catch (Exception e) when (PdfErrors.IsParserError(e))
        {
            font = SimpleFontBuilder.Fallback();
        }

        _cache[dictionary] = font;
        return font;
    }

    /// <summary>Reads a /ToUnicode CMap stream, or null.</summary>
    public static CMap? ReadToUnicode(PdfDictionary font, PdfExtractionContext context)
    {
        if (PdfObjects.Get(font, "/ToUnicode") is PdfDictionary stream && StreamDecoder.Decode(stream, context) is { } data)
        {
            CMap cmap = CMapParser.Parse(data);
            return cmap.UnicodeCount > 0 ? cmap : null;
        }

        return null;
    }
}
