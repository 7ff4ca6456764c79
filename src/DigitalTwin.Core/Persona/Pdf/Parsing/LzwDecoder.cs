namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>Decodes LZWDecode data (9 to 12 bit codes, clear 256, end 257) up to a size limit.</summary>
internal static class LzwDecoder
{
    public static byte[] Decode(byte[] data, int limit, int earlyChange, PdfExtractionContext context)
    {
        var output = new List<byte>(data.Length * 2);
        var table = new List<byte[]>(4096);
        Reset(table);
        int codeLength = 9;
        byte[]? previous = null;
        int bitBuffer = 0, bitCount = 0;
        foreach (byte b in data)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bitCount += 8;
            while (bitCount >= codeLength)
            {
                int code = (bitBuffer >> (bitCount - codeLength)) & ((1 << codeLength) - 1);
                bitCount -= codeLength;
                if (code == 256)
                {
                    Reset(table);
                    codeLength = 9;
                    previous = null;
                    continue;
                }

                if (code == 257)
                {
                    return [.. output];
                }

                byte[] entry;
                if (code < table.Count)
                {
                    entry = table[code];
                    if (previous is not null)
                    {
                        table.Add([.. previous, entry[0]]);
                    }
                }
                else if (previous is not null)
                {
                    entry = [.. previous, previous[0]];
                    table.Add(entry);
                }
                else
                {
                    return [.. output];
                }

                if (output.Count + entry.Length > limit)
                {
                    context.NoteLimit("a stream exceeds the decompressed size limit");
                    return [.. output];
                }

                output.AddRange(entry);
                previous = entry;
                int next = table.Count + earlyChange;
                codeLength = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
                if (table.Count >= 4096)
                {
                    Reset(table);
                    codeLength = 9;
                    previous = null;
                }
            }
        }

        return [.. output];
    }

    private static void Reset(List<byte[]> table)
    {
        table.Clear();
        for (int i = 0; i < 256; i++)
        {
            table.Add([(byte)i]);
        }

        table.Add([]);
        table.Add([]);
    }
}
