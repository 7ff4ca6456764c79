using System.IO.Compression;
using DigitalTwin.Persona.Pdf.Fonts.Tables;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>CID → Unicode for the Adobe CJK character collections (Adobe-GB1, -CNS1, -Japan1, -Korea1).</summary>
internal static class CharacterCollections
{
    private static readonly Lazy<int[]> Gb1 = new(() => Load(CidUnicodeData.GB1));
    private static readonly Lazy<int[]> Cns1 = new(() => Load(CidUnicodeData.CNS1));
    private static readonly Lazy<int[]> Japan1 = new(() => Load(CidUnicodeData.Japan1));
    private static readonly Lazy<int[]> Korea1 = new(() => Load(CidUnicodeData.Korea1));

    /// <summary>The table of an Adobe ordering ("GB1", "Japan1", ...), or null for others (e.g. "Identity").</summary>
    public static int[]? ForOrdering(string? ordering) => ordering switch
    {
        "GB1" => Gb1.Value,
        "CNS1" => Cns1.Value,
        "Japan1" => Japan1.Value,
        "Korea1" => Korea1.Value,
        _ => null,
    };

    private static int[] Load(string base64)
    {
        using var input = new MemoryStream(Convert.FromBase64String(base64));
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        byte[] data = raw.ToArray();
        var pairs = new List<(int Cid, int Unicode)>();
        int pos = 0, cid = 0, unicode = 0;
        while (pos < data.Length)
        {
            cid += (int)ReadVarint(data, ref pos);
            long zigzag = ReadVarint(data, ref pos);
            unicode += (int)((zigzag >> 1) ^ -(zigzag & 1));
            pairs.Add((cid, unicode));
        }

        var table = new int[pairs.Count == 0 ? 0 : pairs[^1].Cid + 1];
        foreach ((int c, int u) in pairs)
        {
            table[c] = u;
        }

        return table;
    }

    private static long ReadVarint(byte[] data, ref int pos)
    {
        long value = 0;
        for (int shift = 0; pos < data.Length && shift < 63; shift += 7)
        {
            byte b = data[pos++];
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return value;
    }
}
