using System.Buffers.Binary;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Reads a TrueType font's Unicode cmap subtable (formats 4 and 12) and inverts it: glyph id → code point.</summary>
internal static class TrueTypeCmapReader
{
    public static Dictionary<int, int>? ReadGlyphToUnicode(byte[] font)
    {
        try
        {
            return Read(font);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static Dictionary<int, int>? Read(byte[] font)
    {
        ReadOnlySpan<byte> data = font;
        int tables = U16(data, 4);
        int cmap = -1;
        for (int i = 0; i < tables; i++)
        {
            int record = 12 + (16 * i);
            if (data.Slice(record, 4).SequenceEqual("cmap"u8))
            {
                cmap = (int)U32(data, record + 8);
            }
        }

        if (cmap < 0)
        {
            return null;
        }

        int best = -1, bestRank = 0;
        int subtables = U16(data, cmap + 2);
        for (int i = 0; i < subtables; i++)
        {
            int platform = U16(data, cmap + 4 + (8 * i)), encoding = U16(data, cmap + 6 + (8 * i));
            int rank = (platform, encoding) switch { (3, 10) => 4, (3, 1) => 3, (0, _) => 2, _ => 0 };
            if (rank > bestRank)
            {
                bestRank = rank;
                best = cmap + (int)U32(data, cmap + 8 + (8 * i));
            }
        }

        if (best < 0)
        {
            return null;
        }

        var result = new Dictionary<int, int>();
        int format = U16(data, best);
        if (format == 4)
        {
            ReadFormat4(data, best, result);
        }
        else if (format == 12)
        {
            ReadFormat12(data, best, result);
        }

        return result;
    }

    private static void ReadFormat4(ReadOnlySpan<byte> data, int offset, Dictionary<int, int> result)
    {
        int segments = U16(data, offset + 6) / 2;
        int ends = offset + 14, starts = ends + (2 * segments) + 2, deltas = starts + (2 * segments), ranges = deltas + (2 * segments);
        for (int s = 0; s < segments; s++)
        {
            int end = U16(data, ends + (2 * s)), start = U16(data, starts + (2 * s));
            int delta = (short)U16(data, deltas + (2 * s)), rangeOffset = U16(data, ranges + (2 * s));
            for (int c = start; c <= end && c != 0xFFFF; c++)
            {
                int gid;
                if (rangeOffset == 0)
                {
                    gid = (c + delta) & 0xFFFF;
                }
                else
                {
                    int at = ranges + (2 * s) + rangeOffset + (2 * (c - start));
                    gid = at + 1 < data.Length ? U16(data, at) : 0;
                    gid = gid == 0 ? 0 : (gid + delta) & 0xFFFF;
                }

                if (gid != 0 && c is < 0xD800 or > 0xDFFF)
                {
                    result.TryAdd(gid, c);
                }
            }
        }
    }

    private static void ReadFormat12(ReadOnlySpan<byte> data, int offset, Dictionary<int, int> result)
    {
        uint groups = U32(data, offset + 12);
        for (uint g = 0; g < groups && g < 100_000; g++)
        {
            int at = offset + 16 + (int)(12 * g);
            uint start = U32(data, at), end = U32(data, at + 4), gid = U32(data, at + 8);
            for (uint c = start; c <= end && c <= 0x10FFFF && c - start < 65_536; c++)
            {
                if (c is < 0xD800 or > 0xDFFF)
                {
                    result.TryAdd((int)(gid + (c - start)), (int)c);
                }
            }
        }
    }

    private static int U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));
}
