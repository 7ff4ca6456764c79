namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Measures how deeply arrays and dictionaries nest in the file's uncompressed object syntax (strings, comments
/// and stream data skipped), so hostile nesting is refused before a recursive parser could overflow its stack.
/// </summary>
internal static class NestingGuard
{
    public static int MaxDepth(ReadOnlySpan<byte> data)
    {
        int depth = 0, max = 0, i = 0;
        while (i < data.Length)
        {
            byte b = data[i];
            switch (b)
            {
                case (byte)'%':
                    while (i < data.Length && data[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        i++;
                    }

                    continue;
                case (byte)'(':
                    i = SkipString(data, i + 1);
                    continue;
                case (byte)'[':
                    max = Math.Max(max, ++depth);
                    break;
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case (byte)'<' when i + 1 < data.Length && data[i + 1] == '<':
                    max = Math.Max(max, ++depth);
                    i++;
                    break;
                case (byte)'>' when i + 1 < data.Length && data[i + 1] == '>':
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'s' when data[i..].StartsWith("stream"u8) && (i == 0 || data[i - 1] != 'd'):
                    int end = data[i..].IndexOf("endstream"u8);
                    i = end < 0 ? data.Length : i + end + 9;
                    depth = 0;
                    continue;
                case (byte)'e' when data[i..].StartsWith("endobj"u8):
                    depth = 0;
                    break;
            }

            i++;
        }

        return max;
    }

    private static int SkipString(ReadOnlySpan<byte> data, int i)
    {
        int nesting = 1;
        while (i < data.Length && nesting > 0)
        {
            byte b = data[i++];
            if (b == '\\')
            {
                i++;
            }
            else if (b == '(')
            {
                nesting++;
            }
            else if (b == ')')
            {
                nesting--;
            }
        }

        return i;
    }
}
