namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>Font objects for test PDFs.</summary>
internal static class PdfFonts
{
    public const string ToUnicodeHeader =
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Test-UCS def /CMapType 2 def\n" +
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n";

    public const string ToUnicodeFooter = "endcmap CMapName currentdict /CMap defineresource pop end end\n";

    /// <summary>A Type 0 font with the given encoding (Identity-H/V) and ToUnicode CMap body; every glyph 1000 units.</summary>
    public static int AddType0(TestPdfBuilder pdf, string cmapBody, string encoding = "/Identity-H", string extraDescendant = "")
    {
        int descendant = pdf.Add(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSans " +
            $"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 {extraDescendant} >>");
        int toUnicode = pdf.AddStream(string.Empty, ToUnicodeHeader + cmapBody + ToUnicodeFooter);
        return pdf.Add($"<< /Type /Font /Subtype /Type0 /BaseFont /TestSans /Encoding {encoding} /DescendantFonts [{descendant} 0 R] /ToUnicode {toUnicode} 0 R >>");
    }

    /// <summary>A Type 3 font whose glyphs are named by /Differences; every glyph 0.5 em wide.</summary>
    public static int AddType3(TestPdfBuilder pdf, string differences)
    {
        int square = pdf.AddStream(string.Empty, "500 0 0 0 400 700 d1 0 0 400 700 re f");
        return pdf.Add(
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] " +
            $"/CharProcs << /sq {square} 0 R >> /Encoding << /Type /Encoding /Differences [{differences}] >> " +
            "/FirstChar 32 /LastChar 126 /Widths [" + string.Join(" ", Enumerable.Repeat("500", 95)) + "] /Resources << >> >>");
    }

    public static string Resources(int font) => $"<< /Font << /F1 {font} 0 R >> >>";
}
