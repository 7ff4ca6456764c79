using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorFontTests
{
    /// <summary>A simple (single-byte) font: its encoding maps the shown codes to Unicode.</summary>
    [Theory]
    [InlineData("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /Euro /eacute 128 /uni0141 /u1F600] >> >>",
        "BT /F1 12 Tf 72 700 Td (AB \\200\\201 \\351t\\351) Tj ET", "€é Ł😀 été")] // WinAnsi with /Differences: the difference glyph names
    [InlineData("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>",
        "BT /F1 12 Tf 72 700 Td (Caf\\216 \\245) Tj ET", "Café •")] // MacRoman: high codes
    [InlineData("<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
        "BT /F1 12 Tf 72 700 Td (abg) Tj ET", "αβγ")] // Symbol: its built-in encoding
    [InlineData("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>",
        "BT /F1 12 Tf 72 700 Td (%\\)4) Tj ET", "☎✉✔")] // ZapfDingbats: Unicode dingbats
    public void SimpleFont_ItsEncodingMapsTheCodes(string fontDictionary, string content, string expected)
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(fontDictionary);
        pdf.Page(content, PdfFonts.Resources(font));
        Assert.Equal(expected, Extract(pdf.Build()));
    }

    /// <summary>A Type0 (two-byte) font: its ToUnicode CMap maps the shown codes, in the writing mode of its encoding.</summary>
    [Theory]
    [InlineData("2 beginbfrange\n<0001> <0003> [<0048> <0069> <D83DDE00>]\n<0010> <0012> <0041>\nendbfrange\n", "/Identity-H", "",
        "BT /F1 12 Tf 72 700 Td <000100020003> Tj <001000110012> Tj ET", "Hi😀ABC")] // bfrange with an array and a surrogate pair: every code
    [InlineData("1 beginbfrange\n<0001> <0003> <65E5>\nendbfrange\n", "/Identity-V", "",
        "BT /F1 12 Tf 300 700 Td <000100020003> Tj ET", "日旦旧")] // Identity-V: vertical text reads top to bottom
    [InlineData("3 beginbfchar\n<0001> <FB01>\n<0002> <006E>\n<0003> <0064>\nendbfchar\n", "/Identity-H", "",
        "BT /F1 12 Tf 72 700 Td <000100020003> Tj ET", "find")] // a ligature glyph is expanded
    [InlineData("1 beginbfchar\n<0005> <0078>\nendbfchar\n", "/Identity-H", "/W [5 [500]]",
        "BT /F1 12 Tf 72 700 Td [<00050005> -416.7 <0005>] TJ ET", "xx x")] // Identity-H advances from /W (x is 6 pt wide; the third starts 5 pt after the second): words break at gaps
    public void Type0Font_ItsToUnicodeCMapMapsTheCodes(string cmapBody, string encoding, string extraDescendant, string content, string expected)
    {
        var pdf = new TestPdfBuilder();
        int font = PdfFonts.AddType0(pdf, cmapBody, encoding, extraDescendant);
        pdf.Page(content, PdfFonts.Resources(font));
        Assert.Equal(expected, Extract(pdf.Build()));
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
    public void UnknownFontResource_FallsBackWithoutFailing()
    {
        byte[] pdf = new TestPdfBuilder().Page("BT /Missing 12 Tf 72 700 Td (Still here) Tj ET").Build();
        Assert.Equal("Still here", Extract(pdf));
    }
}
