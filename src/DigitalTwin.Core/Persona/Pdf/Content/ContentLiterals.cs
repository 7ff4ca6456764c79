using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DigitalTwin.Persona.Pdf.Parsing;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>Reads the literal tokens of PDF syntax: literal and hex strings, names (with #xx escapes), numbers.</summary>
internal static class ContentLiterals
{
    public static byte[] ReadLiteralString(byte[] data, ref int pos)
    {
        var bytes = new List<byte>();
        int nesting = 1;
        while (pos < data.Length)
        {
            byte b = data[pos++];
            if (b == '(')
            {
                nesting++;
            }
            else if (b == ')' && --nesting == 0)
            {
                break;
            }
            else if (b == '\\' && pos < data.Length)
            {
                ReadEscape(data, ref pos, bytes);
                continue;
            }

            bytes.Add(b);
        }

        return [.. bytes];
    }

    private static void ReadEscape(byte[] data, ref int pos, List<byte> bytes)
    {
        byte e = data[pos++];
        switch (e)
        {
            case (byte)'n': bytes.Add(10); break;
            case (byte)'r': bytes.Add(13); break;
            case (byte)'t': bytes.Add(9); break;
            case (byte)'b': bytes.Add(8); break;
            case (byte)'f': bytes.Add(12); break;
            case (byte)'\r':
                if (pos < data.Length && data[pos] == '\n')
                {
                    pos++;
                }

                break;
            case (byte)'\n': break;
            case >= (byte)'0' and <= (byte)'7':
                int value = e - '0';
                for (int k = 0; k < 2 && pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'7'; k++)
                {
                    value = (value * 8) + (data[pos++] - '0');
                }

                bytes.Add((byte)value);
                break;
            default: bytes.Add(e); break;
        }
    }

    public static byte[] ReadHexString(byte[] data, ref int pos)
    {
        int start = pos;
        while (pos < data.Length && data[pos] != '>')
        {
            pos++;
        }

        byte[] hex = data[start..pos];
        pos = Math.Min(pos + 1, data.Length);
        return AsciiDecoders.DecodeHex(hex);
    }

    public static string ReadName(byte[] data, ref int pos)
    {
        var sb = new StringBuilder();
        var raw = new List<byte>();
        while (pos < data.Length && !ContentLexer.IsWhitespace(data[pos]) && !ContentLexer.IsDelimiter(data[pos]))
        {
            byte b = data[pos++];
            if (b == '#' && pos + 1 < data.Length &&
                AsciiDecoders.HexValue(data[pos]) is int h and >= 0 &&
                AsciiDecoders.HexValue(data[pos + 1]) is int l and >= 0)
            {
                raw.Add((byte)((h << 4) | l));
                pos += 2;
            }
            else
            {
                raw.Add(b);
            }
        }

        sb.Append(Encoding.Latin1.GetString([.. raw]));
        return sb.ToString();
    }

    public static ContentToken ReadNumber(byte[] data, ref int pos)
    {
        int start = pos;
        pos++;
        while (pos < data.Length && (ContentLexer.IsNumberStart(data[pos]) || data[pos] == '.'))
        {
            pos++;
        }

        // A sign after the first character ("5-3") ends the number, as viewers read it.
        ReadOnlySpan<byte> text = data.AsSpan(start, pos - start);
        int sign = text[1..].IndexOfAny((byte)'-', (byte)'+');
        if (sign >= 0)
        {
            text = text[..(sign + 1)];
        }

        if (!Utf8Parser.TryParse(text, out double value, out _))
        {
            _ = double.TryParse(Encoding.ASCII.GetString(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        return ContentToken.FromNumber(value);
    }
}
