namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// Reads PDF literal strings: balanced parentheses, every escape (\n \r \t \b \f \( \) \\, octal \ddd, a backslash
/// before a line end), and unescaped line ends read as one LF, keeping the bytes as written alongside.
/// </summary>
internal static class LiteralStringReader
{
    /// <summary>Reads a literal string whose opening parenthesis is just before <paramref name="position"/>.</summary>
    public static RawString Read(byte[] data, ref int position, int end)
    {
        var bytes = new List<byte>();
        var unnormalized = new List<byte>();
        int nesting = 1;
        while (position < end)
        {
            byte c = data[position++];
            if (c == '\\')
            {
                ReadEscape(data, ref position, end, bytes, unnormalized);
                continue;
            }

            if (c == '\r')
            {
                // An unescaped end of line is a single line feed in the string (CR, LF and CR LF alike).
                unnormalized.Add(c);
                bytes.Add((byte)'\n');
                if (Peek(data, position, end) == '\n')
                {
                    unnormalized.Add((byte)'\n');
                    position++;
                }

                continue;
            }

            if (c == '(')
            {
                nesting++;
            }
            else if (c == ')' && --nesting == 0)
            {
                break;
            }

            bytes.Add(c);
            unnormalized.Add(c);
        }

        return new RawString([.. bytes], [.. unnormalized]);
    }

    private static void ReadEscape(byte[] data, ref int position, int end, List<byte> bytes, List<byte> unnormalized)
    {
        if (position >= end)
        {
            return;
        }

        byte c = data[position++];
        int value = c switch
        {
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'\r' or (byte)'\n' => -1,
            >= (byte)'0' and <= (byte)'7' => -2,
            _ => c,
        };
        if (value == -1)
        {
            // A backslash at the end of a line continues the string on the next line.
            if (c == '\r' && Peek(data, position, end) == '\n')
            {
                position++;
            }

            return;
        }

        if (value == -2)
        {
            value = c - '0';
            for (int i = 0; i < 2 && Peek(data, position, end) is >= '0' and <= '7'; i++)
            {
                value = (value * 8) + (data[position++] - '0');
            }
        }

        bytes.Add((byte)value);
        unnormalized.Add((byte)value);
    }

    private static int Peek(byte[] data, int position, int end) => position < end ? data[position] : -1;
}
