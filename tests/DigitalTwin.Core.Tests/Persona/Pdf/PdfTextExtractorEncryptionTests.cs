using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class PdfTextExtractorEncryptionTests
{
    private static byte[] Encrypt(string userPassword, string ownerPassword, string content = "BT /F1 12 Tf 72 700 Td (Secret resume text) Tj ET")
    {
        byte[] plain = new TestPdfBuilder().Page(content).Build();
        using var input = new MemoryStream(plain);
        PdfDocument document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        document.SecuritySettings.UserPassword = userPassword;
        document.SecuritySettings.OwnerPassword = ownerPassword;
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    [Fact]
    public void UserPassword_FailsAsPasswordProtectedWithClearMessage()
    {
        byte[] pdf = Encrypt("secret", "owner");
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(pdf));
        Assert.Equal(PdfTextExtractionFailure.PasswordProtected, error.Failure);
        Assert.Contains("password", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OwnerPasswordOnly_EmptyUserPasswordOpensAndReadsText()
    {
        byte[] pdf = Encrypt(string.Empty, "owner");
        Assert.Contains("/Encrypt", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        Assert.Equal("Secret resume text", Extract(pdf));
    }

    [Fact]
    public void OwnerPasswordOnly_WithoutText_FailsAsNoTextNotPassword()
    {
        byte[] pdf = Encrypt(string.Empty, "owner", "q 0 0 1 rg 72 72 200 200 re f Q");
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(pdf));
        Assert.Equal(PdfTextExtractionFailure.NoText, error.Failure);
    }
}
