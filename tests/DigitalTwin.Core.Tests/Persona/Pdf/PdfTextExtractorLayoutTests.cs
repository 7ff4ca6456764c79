using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorLayoutTests
{
    /// <summary>One page laid out in a way that needs care: the text comes out in reading order, each word once.</summary>
    [Theory]
    [InlineData("BT /F1 10 Tf 40 700 Td (Contact) Tj 0 -12 Td (maya@example.com) Tj ET BT /F1 10 Tf 220 700 Td (Summary) Tj 0 -12 Td (Cloud architect) Tj ET",
        "Contact\nmaya@example.com\n\nSummary\nCloud architect")] // two columns stay apart, in content order
    [InlineData("BT /F1 10 Tf 40 700 Td (Skills) Tj 400 0 Td (2020 - present) Tj ET", "Skills\n2020 - present")] // far apart on one baseline: two lines
    [InlineData("BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Vertical label) Tj ET", "Vertical label")] // a rotated text matrix keeps words intact
    [InlineData("BT /F1 12 Tf 72 700 Td (Ex) Tj /Span << /ActualText (\\376\\377\\000f\\000f\\000i) >> BDC (\\037) Tj EMC (ce) Tj ET", "Exffice")] // ActualText replaces the glyphs it covers
    [InlineData("BT /F1 12 Tf 72 700 Td (Bold) Tj ET BT /F1 12 Tf 72.3 700 Td (Bold) Tj ET BT /F1 12 Tf 72 650 Td (Bold again) Tj ET", "Bold\n\nBold again")] // fake-bold overprint is read once
    public void OnePageLayout_ExtractsInReadingOrder(string content, string expected)
    {
        Assert.Equal(expected, Extract(new TestPdfBuilder().Page(content).Build()));
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void RotatedPage_ExtractsWordsIntact(int rotate)
    {
        byte[] pdf = new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (Rotated page text) Tj 0 -14 Td (second line) Tj ET", extra: $"/Rotate {rotate}").Build();
        Assert.Equal("Rotated page text\nsecond line", Extract(pdf));
    }

    [Fact]
    public void FormXObject_TextIsExtractedWithItsOwnResources()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int form = pdf.AddStream($"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Matrix [1 0 0 1 0 -100] /Resources << /Font << /FX {font} 0 R >> >>",
            "BT /FX 12 Tf 72 700 Td (Inside the form) Tj ET");
        pdf.Page("BT /F1 12 Tf 72 700 Td (Page text) Tj ET /Fm1 Do", $"<< /Font << /F1 {font} 0 R >> /XObject << /Fm1 {form} 0 R >> >>");
        Assert.Equal("Page text\n\nInside the form", Extract(pdf.Build()));
    }

    [Fact]
    public void ActualTextFromPropertiesResource_IsUsed()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int props = pdf.Add("<< /ActualText (Dr.) >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td /Span /P1 BDC (D) Tj EMC ( Who) Tj ET", $"<< /Font << /F1 {font} 0 R >> /Properties << /P1 {props} 0 R >> >>");
        Assert.Equal("Dr. Who", Extract(pdf.Build()));
    }

    [Theory]
    [InlineData(false, "manage-\nment of cloud")]
    [InlineData(true, "management of cloud")]
    public void Dehyphenation_IsOffByDefaultAndJoinsWhenEnabled(bool dehyphenate, string expected)
    {
        byte[] pdf = new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (manage-) Tj 0 -14 Td (ment of cloud) Tj ET").Build();
        Assert.Equal(expected, Extract(pdf, PdfExtractionOptions.Default with { Dehyphenate = dehyphenate }));
    }

    [Theory]
    [InlineData(2.2, "PROFILE SKILLS")]
    [InlineData(6.0, "P R O F I L E S K I L L S")]
    public void LetterSpacedHeading_JoinsTrackedLettersButSeparatesWideSpacing(double charSpacing, string expected)
    {
        // 12 pt Helvetica; the word gap is a space glyph plus the same tracking.
        string spacing = charSpacing.ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] pdf = new TestPdfBuilder().Page($"BT /F1 12 Tf 72 700 Td {spacing} Tc (PROFILE SKILLS) Tj ET").Build();
        Assert.Equal(expected, Extract(pdf));
    }

    [Theory]
    [InlineData("linkedin.com/in/maya-", "lindqvist-example", "linkedin.com/in/maya-lindqvist-example")]
    [InlineData("www.example.com/", "profile", "www.example.com/profile")]
    [InlineData("state-of-the-", "art design", "state-of-the-\nart design")]
    [InlineData("see example.com/", "Experience", "see example.com/\nExperience")]
    public void WrappedWebAddress_IsJoinedButOrdinaryLinesAreNot(string first, string second, string expected)
    {
        byte[] pdf = new TestPdfBuilder().Page($"BT /F1 10 Tf 40 700 Td ({first}) Tj 0 -12 Td ({second}) Tj ET").Build();
        Assert.Equal(expected, Extract(pdf));
    }
}
