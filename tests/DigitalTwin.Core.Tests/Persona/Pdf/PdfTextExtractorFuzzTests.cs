using System.Globalization;
using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Core.Tests.Persona.Pdf.Security;
using DigitalTwin.Persona.Pdf;
using Xunit.Abstractions;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorFuzzTests(ITestOutputHelper output)
{
    private const int SeededInputs = 2400;

    /// <summary>qpdf with its test switches for a fixed /ID and AES IVs, so the seeded inputs repeat run to run.</summary>
    private static byte[] StaticQpdf(byte[] source, params string[] arguments) => Qpdf.Run(source, ["--static-id", "--static-aes-iv", .. arguments]);

    private static byte[] RichPdf()
    {
        var pdf = new TestPdfBuilder();
        int type0 = PdfFonts.AddType0(pdf, "1 beginbfrange\n<0001> <0003> [<0048> <0069> <D83DDE00>]\nendbfrange\n");
        int helvetica = pdf.Add(TestPdfBuilder.Helvetica);
        int form = pdf.AddStream($"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 {helvetica} 0 R >> >>",
            "BT /F1 12 Tf 72 600 Td [(Form) -500 (text)] TJ ET", compress: true);
        pdf.Page(
            "BT /F1 12 Tf 72 700 Td <000100020003> Tj /F2 10 Tf 0 -20 Td (Plain \\(text\\) here) Tj ET /Fm Do",
            $"<< /Font << /F1 {type0} 0 R /F2 {helvetica} 0 R >> /XObject << /Fm {form} 0 R >> >>");
        return pdf.Build();
    }

    [Fact]
    public void RichFixture_ReadsAllParts()
    {
        Assert.Equal("Hi😀\nPlain (text) here\n\nForm text", new PdfSharpTextExtractor().ExtractText(RichPdf()));
    }

    [Fact]
    public void RandomByteDamage_GivesTextOrTypedErrorOnly()
    {
        byte[] original = RichPdf();
        var random = new Random(20261124);
        var extractor = new PdfSharpTextExtractor();
        int typedErrors = 0, texts = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] damaged = (byte[])original.Clone();
            int changes = 1 + random.Next(8);
            for (int i = 0; i < changes; i++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }

            try
            {
                Assert.NotNull(extractor.ExtractText(damaged));
                texts++;
            }
            catch (PdfTextExtractionException e)
            {
                Assert.True(Enum.IsDefined(e.Failure));
                typedErrors++;
            }
        }

        Assert.True(texts > 0 && typedErrors > 0, $"texts {texts}, typed errors {typedErrors}");
    }

    [Fact]
    public void SeededMutations_PlainAndEncrypted_EndInTextOrTypedErrorWithinTimeBound()
    {
        byte[] source = EmptyPasswordDecryptionTests.Source();
        (string, byte[])[] sources =
        [
            ("rich", RichPdf()),
            ("source", source),
            ("source object streams", StaticQpdf(source, "--object-streams=generate")),
            ("source RC4-40", StaticQpdf(source, EmptyPasswordDecryptionTests.Arguments("40", string.Empty, string.Empty))),
            ("source AES-128 object streams linearized", StaticQpdf(source, EmptyPasswordDecryptionTests.Arguments("128", "--use-aes=y", "--object-streams=generate --linearize"))),
            ("source AES-256 R6", StaticQpdf(source, EmptyPasswordDecryptionTests.Arguments("256", string.Empty, string.Empty))),
        ];

        FuzzOutcome outcome = FuzzRunner.Run(sources, SeededInputs, seed: 20261205, hangTimeout: TimeSpan.FromSeconds(20));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Inputs} inputs: {outcome.Texts} texts, {outcome.TypedErrors} typed errors; slowest {outcome.Slowest} ({outcome.SlowestTime.TotalMilliseconds:0} ms)"));
        Assert.True(outcome.Failures.Count == 0, string.Join("\n\n", outcome.Failures));
        Assert.True(outcome.Texts > 0 && outcome.TypedErrors > 0, $"texts {outcome.Texts}, typed errors {outcome.TypedErrors}");
    }
}
