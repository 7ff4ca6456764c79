using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorTextStateTests
{
    internal static string Extract(byte[] pdf, PdfExtractionOptions? options = null) =>
        new PdfSharpTextExtractor(options ?? PdfExtractionOptions.Default).ExtractText(pdf);

    /// <summary>One page whose content stream exercises a text-state or line operator: the text reads as the page shows it.</summary>
    [Theory]
    [InlineData("BT /F1 12 Tf 72 700 Td (Hello, World!) Tj ET", "Hello, World!")] // standard-14 Helvetica, Tj: the exact text
    [InlineData("BT /F1 12 Tf 72 700 Td [(Hello) -600 (World)] TJ ET", "Hello World")] // a wide TJ kerning gap breaks words
    [InlineData("BT /F1 12 Tf 72 700 Td [(W) 80 (A) 60 (VE) -20 (S)] TJ ET", "WAVES")] // small TJ kerning keeps a word together
    [InlineData("BT /F1 12 Tf 72 700 Td 1 Tc 20 Tw (two words) Tj ET", "two words")] // Tc and Tw move glyphs only
    [InlineData("BT /F1 12 Tf 14 TL 72 700 Td (one) Tj T* (two) Tj 0 -14 TD (three) Tj (four) ' 2 1 (five) \" ET", "one\ntwo\nthree\nfour\nfive")] // Td, TD, T*, ' and " start new lines
    [InlineData("q 2 0 0 2 0 0 cm BT /F1 6 Tf 1 0 0 1 36 350 Tm 150 Tz (Scaled) Tj ET Q BT /F1 12 Tf 72 600 Td (Plain) Tj ET", "Scaled\n\nPlain")] // Tm, cm and Tz scale text without breaking words
    [InlineData("BT /F1 12 Tf 72 700 Td (E = mc) Tj 4 Ts /F1 8 Tf (2) Tj 0 Ts ET", "E = mc2")] // a superscript (Ts rise) stays on its line
    [InlineData("BT /F1 12 Tf 72 700 Td (First line) Tj 0 -14 Td (second line) Tj 0 -40 Td (New paragraph) Tj ET", "First line\nsecond line\n\nNew paragraph")] // a paragraph gap becomes a blank line
    [InlineData("BT /F1 12 Tf 72 700 Td (Before) Tj ET q BI /W 2 /H 2 /CS /G /BPC 8 ID \u0001(\u00ff) Tj\u0002EI\u0003 EI Q BT /F1 12 Tf 72 650 Td (After) Tj ET", "Before\n\nAfter")] // an inline image (BI … ID … EI) is skipped
    public void OnePageContent_ExtractsAsTheText(string content, string expected)
    {
        Assert.Equal(expected, Extract(new TestPdfBuilder().Page(content).Build()));
    }

    [Theory]
    [InlineData(1.0, "HelloWorld")]
    [InlineData(6.0, "Hello World")]
    public void Standard14Widths_WithoutWidthsArray_PlaceWordBreaksFromGlyphAdvances(double gap, string expected)
    {
        // Helvetica "Hello" = 722+556+222+222+556 = 2278 units = 27.336 pt at 12 pt.
        double x = 72 + 27.336 + gap;
        string content = $"BT /F1 12 Tf 72 700 Td (Hello) Tj ET BT /F1 12 Tf {x.ToString(System.Globalization.CultureInfo.InvariantCulture)} 700 Td (World) Tj ET";
        Assert.Equal(expected, Extract(new TestPdfBuilder().Page(content).Build()));
    }

    [Fact]
    public void TwoPages_AreSeparatedByBlankLine()
    {
        byte[] pdf = new TestPdfBuilder()
            .Page("BT /F1 12 Tf 72 700 Td (Page one) Tj ET")
            .Page("BT /F1 12 Tf 72 700 Td (Page two) Tj ET")
            .Build();
        Assert.Equal("Page one\n\nPage two", Extract(pdf));
    }
}
