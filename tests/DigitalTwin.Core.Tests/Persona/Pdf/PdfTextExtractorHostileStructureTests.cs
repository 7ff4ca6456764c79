using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorHostileStructureTests
{
    [Fact]
    public void PageTreeLoop_FailsAsLimitExceededWithoutStackOverflow()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int content = pdf.AddStream(string.Empty, "BT /F1 12 Tf 72 700 Td (Looped tree) Tj ET");
        int pages = pdf.Reserve();
        int page = pdf.Add($"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>");
        pdf.Set(pages, $"<< /Type /Pages /Kids [{page} 0 R {pages} 0 R] /Count 2 >>");
        byte[] file = pdf.Serialize(pdf.Add($"<< /Type /Catalog /Pages {pages} 0 R >>"));

        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(file));
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, error.Failure);
    }

    [Fact]
    public void SelfReferencingResources_DoNotLoop()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int resources = pdf.Reserve();
        pdf.Set(resources, $"<< /Font << /F1 {font} 0 R >> /Self {resources} 0 R >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (Self reference) Tj ET", $"{resources} 0 R");
        Assert.Equal("Self reference", Extract(pdf.Build()));
    }

    [Fact]
    public void DeepNestingInsideObjectStream_FailsAsLimitExceeded()
    {
        string nested = "<< /Deep " + new string('[', 100_000) + new string(']', 100_000) + " >>";
        var pdf = new TestPdfBuilder();
        int objectStream = pdf.AddStream($"/Type /ObjStm /N 1 /First 6", Encoding.ASCII.GetBytes("99 0 " + nested), compress: true);
        Assert.True(objectStream > 0);
        pdf.Page("BT /F1 12 Tf 72 700 Td (Outer) Tj ET");
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(pdf.Build()));
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, error.Failure);
    }

    [Fact]
    public void DeepContentNesting_IsBounded()
    {
        string content = "BT /F1 12 Tf 72 700 Td (Arrays) Tj " + new string('[', 100_000) + " ET";
        Assert.Equal("Arrays", Extract(new TestPdfBuilder().Page(content).Build()));
    }

    [Fact]
    public void DeepGraphicsStateNesting_IsBounded()
    {
        string content = string.Concat(Enumerable.Repeat("q 1 0 0 1 0 0 cm ", 20_000)) + "BT /F1 12 Tf 72 700 Td (Nested state) Tj ET" + string.Concat(Enumerable.Repeat(" Q", 20_000));
        Assert.Equal("Nested state", Extract(new TestPdfBuilder().Page(content).Build()));
    }
}
