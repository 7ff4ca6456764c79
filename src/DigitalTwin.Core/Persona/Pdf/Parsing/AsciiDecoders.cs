namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>The ASCIIHexDecode, ASCII85Decode and RunLengthDecode filters.</summary>
internal static class AsciiDecoders
{
    public static byte[] DecodeHex(byte[] data)
    {
        var output = new List<byte>(data.Length / 2);
        int high = -1;
        foreach (byte b in data)
        {
            if (b == '>')
            {
                break;
            }

            int v = HexValue(b);
            if (v < 0)
            {
                continue;
            }

            if (high < 0)
            {
                high = v;
            }
            else
            {
                output.Add((byte)((high << 4) | v));
                high = -1;
            }
        }

        if (high >= 0)
        {
            output.Add((byte)(high << 4));
        }

        return [.. output];
    }

    public static int HexValue(int b) => b switch
    {
        >= '0' and <= '9' => b - '0',
        >= 'a' and <= 'f' => b - 'a' + 10,
        >= 'A' and <= 'F' => b - 'A' + 10,
        _ => -1,
    };

    public static byte[] Decode85(byte[] data)
    {
        var output = new List<byte>(data.Length);
        Span<int> group = stackalloc int[5];
        int n = 0;
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if (b == '~')
            {
                break;
            }

            if (b == 'z' && n == 0)
            {
                output.AddRange(new byte[4]);
                continue;
            }

            if (b < '!' || b > 'u')
            {
                continue;
            }

            group[n++] = b - '!';
            if (n == 5)
            {
                Emit(output, group, 4);
                n = 0;
            }
        }

        if (n > 1)
        {
            for (int i = n; i < 5; i++)
            {
                group[i] = 84;
            }

            Emit(output, group, n - 1);
        }

        return [.. output];
    }

    private static void Emit(List<byte> output, Span<int> group, int count)
    {
        uint value = 0;
        foreach (int g in group)
        {
            value = unchecked((value * 85) + (uint)g);
        }

        for (int i = 0; i < count; i++)
        {
            output.Add((byte)(value >> (24 - (8 * i))));
        }
    }

    public static byte[] DecodeRunLength(byte[] data, int limit, PdfExtractionContext context)
    {
        var output = new List<byte>(data.Length * 2);
        int i = 0;
        while (i < data.Length && data[i] != 128)
        {
            int length = data[i++];
            int count = length < 128 ? length + 1 : 257 - length;
            if (output.Count + count > limit)
            {
                context.NoteLimit("a stream exceeds the decompressed size limit");
                break;
            }

            if (length < 128)
            {
                for (int k = 0; k < count && i < data.Length; k++)
                {
                    output.Add(data[i++]);
                }
            }
            else if (i < data.Length)
            {
                byte b = data[i++];
                for (int k = 0; k < count; k++)
                {
                    output.Add(b);
                }
            }
        }

        return [.. output];
    }
}
