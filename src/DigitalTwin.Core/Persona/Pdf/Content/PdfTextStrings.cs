using System.Text;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>Decodes PDF text strings: UTF-16BE or UTF-8 with a byte order mark, otherwise PDFDocEncoding.</summary>
internal static class PdfTextStrings
{
    private const string PdfDocHigh =
        "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203A\u2212\u2030\u201E\u201C\u201D\u2018" +
        "\u2019\u201A\u2122\uFB01\uFB02\u0141\u0152\u0160\u0178\u017D\u0131\u0142\u0153\u0161\u017E\uFFFD";

    public static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, (bytes.Length - 2) & ~1);
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            sb.Append(b is >= 0x80 and <= 0x9F ? PdfDocHigh[b - 0x80] : b == 0xA0 ? '\u20AC' : (char)b);
        }

        return sb.ToString();
    }
}
