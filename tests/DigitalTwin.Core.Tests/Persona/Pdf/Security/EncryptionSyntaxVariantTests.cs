using System.Text.RegularExpressions;
using DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;
using DigitalTwin.Persona.Pdf;
using static DigitalTwin.Core.Tests.Persona.Pdf.PdfTextExtractorTextStateTests;
using static DigitalTwin.Core.Tests.Persona.Pdf.Security.EmptyPasswordDecryptionTests;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Security;

/// <summary>
/// qpdf files rewritten the way other writers store the same encryption: literal /O and /U with escapes or raw line
/// ends, hex with spaces, CR line endings, crypt filters set to /Identity, and incremental updates on top.
/// </summary>
public class EncryptionSyntaxVariantTests
{
    private static byte[] Encrypted(string bits, string encryptOptions = "", string otherOptions = "", byte[]? source = null) =>
        Qpdf.Run(source ?? Source(), Arguments(bits, encryptOptions, otherOptions));

    private static int EncryptNumber(byte[] pdf) =>
        int.Parse(Regex.Match(Encoding.Latin1.GetString(pdf), @"/Encrypt (\d+) 0 R").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Redefines the encryption dictionary in an incremental update, rewriting its /O /U /OE /UE strings.</summary>
    private static byte[] WithEncryptStrings(byte[] pdf, Func<byte[], string> write, Func<string, string>? edit = null)
    {
        int number = EncryptNumber(pdf);
        string body = Regex.Replace(PdfRevisions.BodyOf(pdf, number), @"/(O|U|OE|UE) <([0-9a-fA-F]*)>",
            m => $"/{m.Groups[1].Value} {write(Convert.FromHexString(m.Groups[2].Value))}");
        return PdfRevisions.Append(pdf, PdfRevisions.Object(number, (edit ?? (b => b))(body)));
    }

    /// <summary>A literal string; line ends escaped (\r \n) or written raw, other bytes as octal or themselves.</summary>
    private static string Literal(byte[] bytes, bool escapeLineEnds)
    {
        var sb = new StringBuilder("(");
        foreach (byte b in bytes)
        {
            sb.Append(b switch
            {
                (byte)'(' or (byte)')' or (byte)'\\' => "\\" + (char)b,
                (byte)'\r' => escapeLineEnds ? "\\r" : "\r",
                (byte)'\n' => escapeLineEnds ? "\\n" : "\n",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            });
        }

        return sb.Append(')').ToString();
    }

    [Theory]
    [InlineData("128", "--use-aes=n")]
    [InlineData("128", "--use-aes=y")]
    [InlineData("256", "")]
    public void LiteralOwnerAndUserStringsWithEscapes_Open(string bits, string options)
    {
        byte[] pdf = WithEncryptStrings(Encrypted(bits, options), b => Literal(b, escapeLineEnds: true));
        Assert.Contains("/O (", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        Assert.Equal(Extract(Source()), Extract(pdf));
    }

    [Fact]
    public void LiteralOwnerStringWithRawCarriageReturn_Opens()
    {
        // The owner password "owner20" gives an /O with a lone CR byte: written raw, the specification would read it
        // as a line feed; writers that do this meant the byte itself.
        byte[] encrypted = Encrypted("128", "--use-aes=n");
        byte[] pdf = WithEncryptStrings(encrypted, b => Literal(b, escapeLineEnds: false));
        Assert.Matches(new Regex("/O \\([^)]*\r[^\n]"), Encoding.Latin1.GetString(pdf));
        Assert.Equal(Extract(Source()), Extract(pdf));
    }

    [Fact]
    public void HexStringsWithSpacesAndLineBreaks_Open()
    {
        byte[] pdf = WithEncryptStrings(Encrypted("256"), b => "<" + string.Join("\r\n", Convert.ToHexStringLower(b).Chunk(8).Select(c => new string(c))) + " >");
        Assert.Equal(Extract(Source()), Extract(pdf));
    }

    [Theory]
    [InlineData("128", "--use-aes=y")]
    [InlineData("40", "")]
    public void CarriageReturnLineEndings_LinearizedWithIncrementalUpdate_Open(string bits, string options)
    {
        byte[] pdf = PdfRevisions.WithCarriageReturns(WithEncryptStrings(Encrypted(bits, options, "--linearize"), b => Literal(b, escapeLineEnds: true)));
        Assert.DoesNotContain("obj\n", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        Assert.Equal(Extract(Source()), Extract(pdf));
    }

    [Theory]
    [InlineData("128", "--use-aes=y")]
    [InlineData("256", "")]
    public void StreamWithIdentityCryptFilter_IsReadInTheClear(string bits, string options)
    {
        byte[] encrypted = Encrypted(bits, options);
        int contents = PdfRevisions.FirstContents(encrypted);
        byte[] pdf = PdfRevisions.Append(encrypted, PdfRevisions.Stream(contents,
            "/Filter [/Crypt] /DecodeParms [<< /Type /CryptFilterDecodeParms /Name /Identity >>]",
            "BT /F2 12 Tf 72 700 Td (Identity stream) Tj 0 -20 Td /Span /P1 BDC (Dr.) Tj EMC ET"));
        Assert.Equal("Identity stream\nDoctor\n\nSecond page", Extract(pdf));
    }

    [Theory]
    [InlineData("128", "--use-aes=y")]
    [InlineData("256", "")]
    public void IdentityStreamFilter_StreamsClearAndStringsDecrypted(string bits, string options)
    {
        var source = new TestPdfBuilder();
        int props = source.Add("<< /ActualText (Doctor) >>");
        source.Page("BT /F1 12 Tf 72 700 Td (Encrypted) Tj ET", $"<< /Font << /F1 {source.Add(TestPdfBuilder.Helvetica)} 0 R >> /Properties << /P1 {props} 0 R >> >>");
        byte[] encrypted = Encrypted(bits, options, source: source.Build());
        int number = EncryptNumber(encrypted);
        int contents = PdfRevisions.FirstContents(encrypted);
        string body = PdfRevisions.BodyOf(encrypted, number).Replace("/StmF /StdCF", "/StmF /Identity", StringComparison.Ordinal);
        Assert.Contains("/StmF /Identity", body, StringComparison.Ordinal);
        byte[] pdf = PdfRevisions.Append(encrypted, PdfRevisions.Object(number, body),
            PdfRevisions.Stream(contents, string.Empty, "BT /F1 12 Tf 72 700 Td (Clear) Tj 0 -20 Td /Span /P1 BDC (Dr.) Tj EMC ET"));
        Assert.Equal("Clear\nDoctor", Extract(pdf));
    }

    [Fact]
    public void CertificateSecurityHandler_FailsAsPasswordProtected()
    {
        byte[] encrypted = Encrypted("256");
        byte[] pdf = PdfRevisions.Append(encrypted, PdfRevisions.Object(EncryptNumber(encrypted), "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 >>"));
        var error = Assert.Throws<PdfTextExtractionException>(() => Extract(pdf));
        Assert.Equal(PdfTextExtractionFailure.PasswordProtected, error.Failure);
        Assert.Contains("Adobe.PubSec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptWordInsideContentOnly_IsNotTreatedAsEncryption()
    {
        byte[] pdf = new TestPdfBuilder().Page("BT /F1 12 Tf 72 700 Td (See /Encrypt 5 0 R) Tj ET").Build();
        Assert.Equal("See /Encrypt 5 0 R", Extract(pdf));
    }
}
