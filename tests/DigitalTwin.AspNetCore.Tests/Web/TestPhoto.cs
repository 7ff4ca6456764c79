using System.Buffers.Binary;
using System.IO.Compression;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>Writes a real PNG portrait placeholder (a shaded disc on a coloured square) into a persona folder.</summary>
internal static class TestPhoto
{
    public static string AddTo(string personaDirectory, string fileName = "photo.png", int size = 96)
    {
        var path = Path.Combine(personaDirectory, fileName);
        File.WriteAllBytes(path, Png(size));
        return path;
    }

    public static byte[] Png(int size)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < size; y++)
        {
            raw.WriteByte(0); // no filter
            for (var x = 0; x < size; x++)
            {
                var dx = x - size / 2.0;
                var dy = y - size * 0.42;
                var inHead = dx * dx + dy * dy < size * size * 0.06;
                var inShoulders = y > size * 0.72 && Math.Abs(dx) < size * 0.38;
                var (r, g, b) = inHead || inShoulders ? (250, 224, 196) : (37, 99, 235);
                raw.Write([(byte)r, (byte)(g - y / 4), (byte)b]);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
