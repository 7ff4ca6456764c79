using System.Globalization;
using System.Text;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>Writes raw objects back as PDF syntax (strings as hex, everything else as it was read).</summary>
internal static class RawWriter
{
    public static void Write(Stream output, object value)
    {
        switch (value)
        {
            case RawDictionary dictionary:
                output.Write("<<"u8);
                foreach ((string key, object item) in dictionary)
                {
                    Ascii(output, key);
                    output.WriteByte((byte)' ');
                    Write(output, item);
                    output.WriteByte((byte)'\n');
                }

                output.Write(">>"u8);
                break;
            case RawArray array:
                output.WriteByte((byte)'[');
                foreach (object item in array)
                {
                    Write(output, item);
                    output.WriteByte((byte)' ');
                }

                output.WriteByte((byte)']');
                break;
            case RawString s:
                output.WriteByte((byte)'<');
                Ascii(output, Convert.ToHexString(s.Bytes));
                output.WriteByte((byte)'>');
                break;
            case RawName name:
                Ascii(output, name.Text);
                break;
            case RawRef reference:
                Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{reference.Number} {reference.Generation} R"));
                break;
            case RawToken token:
                Ascii(output, token.Text);
                break;
        }
    }

    public static void Ascii(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));
}
