using System.Globalization;
using DigitalTwin.Persona.Pdf;
using DigitalTwin.Persona.Pdf.Content;
using DigitalTwin.Persona.Pdf.Fonts;
using DigitalTwin.Persona.Pdf.Layout;
using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.PdfScore;

/// <summary>Debug aid: prints the glyphs of one page (text, origin, end, size, direction) as the interpreter sees them.</summary>
internal static class GlyphDump
{
    public static int Run(string path, int pageNumber)
    {
        var context = new PdfExtractionContext(PdfExtractionOptions.Default, CancellationToken.None);
        byte[] data = File.ReadAllBytes(path);
        PdfDocument document = PdfDocumentLoader.Open(DigitalTwin.Persona.Pdf.Security.PdfDecryptor.Decrypt(data, context) ?? data, context);
        PdfPage page = document.Pages[pageNumber - 1];
        var glyphs = new List<TextGlyph>();
        var interpreter = new ContentInterpreter(context, new PdfFontLoader(context), glyphs);
        byte[] content = PdfPageReader.ReadContents(page, context);
        interpreter.RunPage(content, PdfPageReader.Inherited(page, "/Resources") as PdfDictionary, Matrix.Identity);
        foreach (TextGlyph g in glyphs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Text,-4} x={g.X,8:0.00} y={g.Y,8:0.00} ex={g.EndX,8:0.00} ey={g.EndY,8:0.00} size={g.Size,6:0.00} dir=({g.DirX:0.00},{g.DirY:0.00})"));
        }

        return 0;
    }
}
