using System.Diagnostics;
using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorRobustnessTests
{
    private static readonly byte[] HelloPdf = new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (Hello robust world) Tj ET").Build();

    private static PdfTextExtractionException ExtractFails(byte[] pdf, PdfExtractionOptions? options = null) =>
        Assert.Throws<PdfTextExtractionException>(() => Extract(pdf, options));

    [Fact]
    public void NotAPdf_FailsAsMalformed()
    {
        Assert.Equal(PdfTextExtractionFailure.Malformed, ExtractFails(Encoding.ASCII.GetBytes("just some text, not a PDF")).Failure);
    }

    [Fact]
    public void EmptyInput_FailsAsMalformed()
    {
        Assert.Equal(PdfTextExtractionFailure.Malformed, ExtractFails([]).Failure);
    }

    [Fact]
    public void GarbageAfterHeader_FailsAsMalformed()
    {
        byte[] garbage = [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))];
        Assert.Equal(PdfTextExtractionFailure.Malformed, ExtractFails(garbage).Failure);
    }

    [Fact]
    public void TruncatedFile_WithoutXref_IsRepairedAndReadsText()
    {
        int cut = Encoding.Latin1.GetString(HelloPdf).IndexOf("xref", StringComparison.Ordinal);
        Assert.Equal("Hello robust world", Extract(HelloPdf[..cut]));
    }

    [Fact]
    public void TruncatedFile_InTheMiddle_GivesTypedErrorOrText()
    {
        for (int cut = 20; cut < HelloPdf.Length; cut += 37)
        {
            try
            {
                Assert.NotNull(Extract(HelloPdf[..cut]));
            }
            catch (PdfTextExtractionException e)
            {
                Assert.True(Enum.IsDefined(e.Failure));
            }
        }
    }

    [Fact]
    public void WrongStreamLength_IsRepaired()
    {
        byte[] broken = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(HelloPdf).Replace("/Length 47", "/Length 12", StringComparison.Ordinal));
        Assert.Contains("Hello robust world", Extract(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void NoTextLayer_FailsAsNoText()
    {
        byte[] pdf = new TestPdfBuilder().Page("q 0 0 1 rg 72 72 200 200 re f Q").Build();
        Assert.Equal(PdfTextExtractionFailure.NoText, ExtractFails(pdf).Failure);
    }

    [Fact]
    public void InputLargerThanLimit_FailsAsLimitExceeded()
    {
        var options = PdfExtractionOptions.Default with { MaxInputBytes = 100 };
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, ExtractFails(HelloPdf, options).Failure);
    }

    [Fact]
    public void DeepNesting_FailsAsLimitExceededWithoutStackOverflow()
    {
        var pdf = new TestPdfBuilder();
        pdf.Add("<< /Deep " + new string('[', 200_000) + new string(']', 200_000) + " >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (Deep) Tj ET");
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, ExtractFails(pdf.Build()).Failure);
    }

    [Fact]
    public void DecompressionBomb_StopsAtLimitAndKeepsTextBeforeIt()
    {
        byte[] bomb = [.. "BT /F1 12 Tf 72 700 Td (Before the bomb) Tj ET\n"u8, .. new byte[64 * 1024 * 1024]];
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int content = pdf.AddStream(string.Empty, bomb, compress: true);
        int pages = pdf.Reserve();
        int page = pdf.Add($"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>");
        pdf.Set(pages, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        byte[] file = pdf.Serialize(pdf.Add($"<< /Type /Catalog /Pages {pages} 0 R >>"));
        var clock = Stopwatch.StartNew();
        string text = Extract(file, PdfExtractionOptions.Default with { MaxDecodedStreamBytes = 1024 * 1024 });
        Assert.Equal("Before the bomb", text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void FormXObjectReferenceLoop_TerminatesAndReadsTextOnce()
    {
        var pdf = new TestPdfBuilder();
        int font = pdf.Add(TestPdfBuilder.Helvetica);
        int form = pdf.Reserve();
        pdf.SetStream(form, $"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 {font} 0 R >> /XObject << /Self {form} 0 R >> >>",
            System.Text.Encoding.Latin1.GetBytes("BT /F1 12 Tf 72 700 Td (Looping form) Tj ET /Self Do"));
        pdf.Page("/Fm Do", $"<< /XObject << /Fm {form} 0 R >> >>");
        Assert.Equal("Looping form", Extract(pdf.Build()));
    }

    [Fact]
    public void TooManyOperators_StopsWithPartialText()
    {
        string content = "BT /F1 12 Tf 72 700 Td (Early text) Tj ET " + string.Concat(Enumerable.Repeat("q Q ", 50_000)) + "BT /F1 12 Tf 72 600 Td (Late text) Tj ET";
        string text = Extract(new TestPdfBuilder().Page(content).Build(), PdfExtractionOptions.Default with { MaxOperators = 10_000 });
        Assert.Equal("Early text", text);
    }

    [Fact]
    public void CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new PdfSharpTextExtractor().ExtractText(HelloPdf, cts.Token));
    }

    [Fact]
    public void ExhaustedTimeBudget_FailsAsLimitExceeded()
    {
        var options = PdfExtractionOptions.Default with { TimeBudget = TimeSpan.Zero };
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, ExtractFails(HelloPdf, options).Failure);
    }

    [Fact]
    public void SharedInstance_ConcurrentExtractions_AreIndependent()
    {
        var extractor = new PdfSharpTextExtractor();
        string[] results = new string[16];
        Parallel.For(0, results.Length, i =>
        {
            byte[] pdf = new TestPdfBuilder().Page($"BT /F1 12 Tf 72 700 Td (Document number {i}) Tj ET").Build();
            results[i] = extractor.ExtractText(pdf);
        });

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal($"Document number {i}", results[i]);
        }
    }

    [Fact]
    public void PageLimit_ReadsOnlyTheFirstPages()
    {
        var builder = new TestPdfBuilder();
        for (int i = 1; i <= 3; i++)
        {
            builder.Page($"BT /F1 12 Tf 72 700 Td (Page {i}) Tj ET");
        }

        Assert.Equal("Page 1\n\nPage 2", Extract(builder.Build(), PdfExtractionOptions.Default with { MaxPages = 2 }));
    }

    [Theory]
    [InlineData("/Predictor 15 /Columns 99999999 /Colors 0")]
    [InlineData("/Predictor 12 /Columns 1")]
    public void BrokenXrefStreamOverObjectStreams_IsRebuiltWithTheCompressedObjects(string parameters)
    {
        byte[] compressed = Qpdf.Run(new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (Compressed objects) Tj ET").Build(), "--object-streams=generate");
        string text = Encoding.Latin1.GetString(compressed);
        string broken = System.Text.RegularExpressions.Regex.Replace(text, @"/DecodeParms << /Columns \d+ /Predictor 12 >>", $"/DecodeParms << {parameters} >>");
        Assert.NotEqual(text, broken);
        Assert.Equal("Compressed objects", Extract(Encoding.Latin1.GetBytes(broken)));
    }
}
