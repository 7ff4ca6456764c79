using DigitalTwin.Persona.Pdf.Content;
using DigitalTwin.Persona.Pdf.Fonts;
using DigitalTwin.Persona.Pdf.Layout;
using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf;

/// <summary>Reads the text of one page: resources (inherited), content streams, rotation, then layout.</summary>
internal sealed class PdfPageReader
{
    private readonly PdfExtractionContext _context;
    private readonly PdfFontLoader _fonts;

    public PdfPageReader(PdfExtractionContext context)
    {
        _context = context;
        _fonts = new PdfFontLoader(context);
    }

    public string Read(PdfDictionary page)
    {
        var glyphs = new List<TextGlyph>();
        byte[] content = ReadContents(page, _context);
        if (content.Length > 0)
        {
            var interpreter = new ContentInterpreter(_context, _fonts, glyphs);
            interpreter.RunPage(content, Inherited(page, "/Resources") as PdfDictionary, RotationMatrix(page));
        }

        return PageLayout.Build(glyphs, _context.Options);
    }

    /// <summary>The page's content streams, decoded and concatenated.</summary>
    public static byte[] ReadContents(PdfDictionary page, PdfExtractionContext context)
    {
        PdfItem? contents = PdfObjects.Get(page, "/Contents");
        IEnumerable<PdfItem?> parts = contents is PdfArray array ? PdfObjects.Items(array) : [contents];
        using var buffer = new MemoryStream();
        foreach (PdfItem? part in parts.Take(10_000))
        {
            if (part is PdfDictionary stream && StreamDecoder.Decode(stream, context) is { } data)
            {
                buffer.Write(data);
                buffer.WriteByte((byte)'\n');
            }
        }

        return buffer.ToArray();
    }

    private static Matrix RotationMatrix(PdfDictionary page)
    {
        int rotate = (int)(PdfObjects.AsNumber(Inherited(page, "/Rotate")) ?? 0);
        rotate = ((rotate % 360) + 360) % 360;
        return rotate switch
        {
            90 => new Matrix(0, -1, 1, 0, 0, 0),
            180 => new Matrix(-1, 0, 0, -1, 0, 0),
            270 => new Matrix(0, 1, -1, 0, 0, 0),
            _ => Matrix.Identity,
        };
    }

    /// <summary>A page attribute, looked up through the page tree (Resources, Rotate, ...).</summary>
    public static PdfItem? Inherited(PdfDictionary page, string key)
    {
        PdfDictionary? node = page;
        for (int level = 0; node is not null && level < 64; level++)
        {
            if (PdfObjects.Get(node, key) is { } value)
            {
                return value;
            }

            node = PdfObjects.GetDictionary(node, "/Parent");
        }

        return null;
    }
}
