using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorFontTests
{
    [Fact]
    public void WinAnsiWithDifferences_UsesDifferenceGlyphNames()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /Euro /eacute 128 /uni0141 /u1F600] >> >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (AB \\200\\201 \\351t\\351) Tj ET", PdfFonts.Resources(font));
        Assert.Equal("€é Ł😀 été", Extract(pdf.Build()));
    }

    [Fact]
    public void MacRomanEncoding_MapsHighCodes()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (Caf\\216 \\245) Tj ET", PdfFonts.Resources(font));
        Assert.Equal("Café •", Extract(pdf.Build()));
    }

    [Fact]
    public void ToUnicodeBfRangeWithArrayAndSurrogatePair_MapsEveryCode()
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType0(pdf,
            "2 beginbfrange\n<0001> <0003> [<0048> <0069> <D83DDE00>]\n<0010> <0012> <0041>\nendbfrange\n");
        pdf.Page("BT /F1 12 Tf 72 700 Td <000100020003> Tj <001000110012> Tj ET", PdfFonts.Resources(font));
        Assert.Equal("Hi😀ABC", Extract(pdf.Build()));
    }

    [Fact]
    public void Type0IdentityH_GlyphAdvancesFromW_BreakWordsAtGaps()
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType0(pdf, "1 beginbfchar\n<0005> <0078>\nendbfchar\n", extraDescendant: "/W [5 [500]]");
        // Each x is 6 pt wide at 12 pt; the third glyph starts 5 pt after the second ends.
        pdf.Page("BT /F1 12 Tf 72 700 Td [<00050005> -416.7 <0005>] TJ ET", PdfFonts.Resources(font));
        Assert.Equal("xx x", Extract(pdf.Build()));
    }

    [Fact]
    public void Type0IdentityV_VerticalText_ReadsTopToBottom()
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType0(pdf, "1 beginbfrange\n<0001> <0003> <65E5>\nendbfrange\n", "/Identity-V");
        pdf.Page("BT /F1 12 Tf 300 700 Td <000100020003> Tj ET", PdfFonts.Resources(font));
        Assert.Equal("日旦旧", Extract(pdf.Build()));
    }

    [Fact]
    public void LigatureGlyph_IsExpanded()
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType0(pdf, "3 beginbfchar\n<0001> <FB01>\n<0002> <006E>\n<0003> <0064>\nendbfchar\n");
        pdf.Page("BT /F1 12 Tf 72 700 Td <000100020003> Tj ET", PdfFonts.Resources(font));
        Assert.Equal("find", Extract(pdf.Build()));
    }

    [Fact]
    public void Type3FontWithDifferences_MapsGlyphNamesAndNumericNames()
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType3(pdf, "65 /T /y /p /e 97 /a51 /g52");
        pdf.Page("BT /F1 12 Tf 72 700 Td (ABCD ab) Tj ET", PdfFonts.Resources(font));
        Assert.Equal("Type 34", Extract(pdf.Build()));
    }

    [Fact]
    public void SymbolFont_UsesBuiltInEncoding()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (abg) Tj ET", PdfFonts.Resources(font));
        Assert.Equal("αβγ", Extract(pdf.Build()));
    }

    [Fact]
    public void UnknownFontResource_FallsBackWithoutFailing()
    {
        byte[] pdf = new TestPdfBuilder().Page("BT /Missing 12 Tf 72 700 Td (Still here) Tj ET").Build();
        Assert.Equal("Still here", Extract(pdf));
    }

    [Fact]
    public void ZapfDingbats_MapsToUnicodeDingbats()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (%\\)4) Tj ET", PdfFonts.Resources(font));
        Assert.Equal("☎✉✔", Extract(pdf.Build()));
    }
}
