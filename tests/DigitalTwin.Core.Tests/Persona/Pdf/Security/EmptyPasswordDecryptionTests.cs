using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Security;

/// <summary>Files encrypted by qpdf with an empty user password read exactly like the plain file they came from.</summary>
public class EmptyPasswordDecryptionTests
{
    /// <summary>qpdf key length, options inside --encrypt ... --, and options outside it.</summary>
    public static TheoryData<string, string, string> Encryptions => new()
    {
        { "40", string.Empty, string.Empty },
        { "40", string.Empty, "--linearize" },
        { "128", "--use-aes=n", string.Empty },
        { "128", "--use-aes=n", "--object-streams=generate" },
        { "128", "--use-aes=y", string.Empty },
        { "128", "--use-aes=y --cleartext-metadata", string.Empty },
        { "128", "--use-aes=y", "--object-streams=generate --linearize" },
        { "256", string.Empty, string.Empty },
        { "256", "--cleartext-metadata", "--object-streams=generate" },
        { "256", string.Empty, "--linearize" },
        { "256", "--force-R5", string.Empty },
    };

    /// <summary>Text from a Type 0 font with a ToUnicode CMap, WinAnsi text, ActualText inline and in a property list, a form, and a second page.</summary>
    internal static byte[] Source()
    {
        var pdf = new TestPdfBuilder();
        int type0 = PdfFonts.AddType0(pdf, "1 beginbfrange\n<0001> <0003> [<0048> <0069> <00E9>]\nendbfrange\n");
        int helvetica = pdf.Add(TestPdfBuilder.Helvetica);
        int props = pdf.Add("<< /ActualText (Doctor) >>");
        int form = pdf.AddStream($"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 {helvetica} 0 R >> >>",
            "BT /F1 12 Tf 72 600 Td (Form text) Tj ET", compress: true);
        int metadata = pdf.AddStream("/Type /Metadata /Subtype /XML", "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
        pdf.Page(
            "BT /F1 12 Tf 72 700 Td <000100020003> Tj /F2 10 Tf 0 -20 Td (R\u00e9sum\u00e9 \\(CV\\)) Tj 0 -20 Td " +
            "/Span << /ActualText (\\376\\377\\000f\\000f\\000i) >> BDC (\\037) Tj EMC ( ce) Tj 0 -20 Td /Span /P1 BDC (Dr.) Tj EMC ET /Fm Do",
            $"<< /Font << /F1 {type0} 0 R /F2 {helvetica} 0 R >> /XObject << /Fm {form} 0 R >> /Properties << /P1 {props} 0 R >> >>");
        pdf.Page("BT /F1 12 Tf 72 700 Td (Second page) Tj ET");
        return pdf.Build($"/Metadata {metadata} 0 R ");
    }

    internal static string[] Arguments(string bits, string encryptOptions, string otherOptions, string user = "") =>
        ["--allow-weak-crypto", .. Split(otherOptions), "--encrypt", user, "owner20", bits, .. Split(encryptOptions), "--"];

    private static string[] Split(string options) => options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Source_HasEveryTextPlace()
    {
        string text = Extract(Source());
        foreach (string part in new[] { "Hié", "Résumé (CV)", "ffi ce", "Doctor", "Form text", "Second page" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public void QpdfEmptyUserPassword_ReadsLikeThePlainFile(string bits, string encryptOptions, string otherOptions)
    {
        byte[] encrypted = Qpdf.Run(Source(), Arguments(bits, encryptOptions, otherOptions));
        Assert.True(encrypted.AsSpan().IndexOf("/Encrypt"u8) >= 0);
        Assert.Equal(Extract(Source()), Extract(encrypted));
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public void QpdfUserPassword_FailsAsPasswordProtected(string bits, string encryptOptions, string otherOptions)
    {
        byte[] encrypted = Qpdf.Run(Source(), Arguments(bits, encryptOptions, otherOptions, user: "user"));
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(encrypted));
        Assert.Equal(PdfTextExtractionFailure.PasswordProtected, error.Failure);
    }
}
