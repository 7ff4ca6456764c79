using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;
using static DigitalTwin.Core.Tests.Persona.Pdf.Security.EmptyPasswordDecryptionTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Security;

/// <summary>Damaged and hostile encrypted files end in a typed error (or text), never a hang or another exception.</summary>
public class DecryptionHostileInputTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ManyStreamsWithoutEndstream_FailAsTypedErrorWithoutRescanningTheFile(bool encrypted)
    {
        // 200,000 unterminated streams: each one looking ahead for "endstream" or "endobj" again took minutes.
        var sb = new StringBuilder("%PDF-1.7\n1 0 obj << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >> endobj\n");
        for (int i = 2; i < 200_000; i++)
        {
            sb.Append(i).Append(" 0 obj << /Length 999 >> stream\nxx\n");
        }

        sb.Append(encrypted ? "trailer << /Root 2 0 R /Encrypt 1 0 R >>\n" : "trailer << /Root 2 0 R >>\n");
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(Encoding.Latin1.GetBytes(sb.ToString())));
        Assert.Equal(encrypted ? PdfTextExtractionFailure.PasswordProtected : PdfTextExtractionFailure.Malformed, error.Failure);
    }

    [Fact]
    public void DeepNestingInsideAnEncryptedObject_IsRefusedAsLimitExceeded()
    {
        byte[] encrypted = Qpdf.Run(Source(), Arguments("128", "--use-aes=y", "--object-streams=generate"));
        byte[] pdf = PdfRevisions.Append(encrypted, PdfRevisions.Object(1000, new string('[', 5_000) + new string(']', 5_000)));
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(pdf));
        Assert.Equal(PdfTextExtractionFailure.LimitExceeded, error.Failure);
    }

    [Fact]
    public void StreamDataContainingTheWordEndstream_KeepsItsDeclaredLength()
    {
        const string Content = "BT /F1 12 Tf 72 700 Td (endstream) Tj 0 -20 Td (after it) Tj ET";
        byte[] encrypted = Qpdf.Run(new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (x) Tj ET").Build(), Arguments("128", "--use-aes=y", string.Empty));
        int contents = PdfRevisions.FirstContents(encrypted);
        byte[] pdf = PdfRevisions.Append(encrypted, PdfRevisions.Stream(contents, "/Filter /Crypt /DecodeParms << /Name /Identity >>", Content));
        Assert.Equal("endstream\nafter it", Extract(pdf));
    }

    [Fact]
    public void TruncatedEncryptedFile_GivesTextOrTypedError()
    {
        byte[] encrypted = Qpdf.Run(Source(), Arguments("256", string.Empty, "--linearize"));
        for (int cut = 64; cut < encrypted.Length; cut += encrypted.Length / 40)
        {
            try
            {
                Extract(encrypted[..cut]);
            }
            catch (PdfTextExtractionException e)
            {
                Assert.True(Enum.IsDefined(e.Failure));
            }
        }
    }
}
