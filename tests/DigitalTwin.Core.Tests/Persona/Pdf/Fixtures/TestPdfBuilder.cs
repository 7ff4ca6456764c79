using System.Globalization;
using System.IO.Compression;

namespace DigitalTwin.Core.Tests.Persona.Pdf.Fixtures;

/// <summary>Writes small PDF files object by object, with a correct cross-reference table.</summary>
internal sealed class TestPdfBuilder
{
    public const string Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    private readonly List<byte[]?> _objects = [];
    private readonly List<(string Content, string Resources, string Extra)> _pages = [];

    /// <summary>Reserves an object number to fill later with <see cref="Set(int, string)"/>.</summary>
    public int Reserve()
    {
        _objects.Add(null);
        return _objects.Count;
    }

    public int Add(string body)
    {
        _objects.Add(Encoding.Latin1.GetBytes(body));
        return _objects.Count;
    }

    public void Set(int number, string body) => _objects[number - 1] = Encoding.Latin1.GetBytes(body);

    public int AddStream(string dictionaryEntries, byte[] data, bool compress = false)
    {
        _objects.Add(null);
        SetStream(_objects.Count, dictionaryEntries, data, compress);
        return _objects.Count;
    }

    /// <summary>Fills a reserved object number with a stream (so a stream can refer to itself).</summary>
    public void SetStream(int number, string dictionaryEntries, byte[] data, bool compress = false)
    {
        byte[] payload = compress ? Deflate(data) : data;
        string filter = compress ? " /Filter /FlateDecode" : string.Empty;
        byte[] head = Encoding.Latin1.GetBytes($"<< {dictionaryEntries} /Length {payload.Length}{filter} >>\nstream\n");
        _objects[number - 1] = [.. head, .. payload, .. "\nendstream"u8];
    }

    public int AddStream(string dictionaryEntries, string data, bool compress = false) =>
        AddStream(dictionaryEntries, Encoding.Latin1.GetBytes(data), compress);

    /// <summary>Adds a page; resources default to Helvetica as /F1.</summary>
    public TestPdfBuilder Page(string content, string? resources = null, string extra = "")
    {
        _pages.Add((content, resources ?? $"<< /Font << /F1 {Add(Helvetica)} 0 R >> >>", extra));
        return this;
    }

    /// <summary>Writes the file; <paramref name="catalogExtra"/> adds entries to the catalog (for example /Metadata).</summary>
    public byte[] Build(string catalogExtra = "")
    {
        int pagesNumber = Reserve();
        var kids = new List<int>();
        foreach (var (content, resources, extra) in _pages)
        {
            int contentNumber = AddStream(string.Empty, content);
            kids.Add(Add($"<< /Type /Page /Parent {pagesNumber} 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents {contentNumber} 0 R {extra} >>"));
        }

        Set(pagesNumber, $"<< /Type /Pages /Kids [{string.Join(" ", kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        int root = Add($"<< /Type /Catalog /Pages {pagesNumber} 0 R {catalogExtra}>>");
        return Serialize(root);
    }

    public byte[] Serialize(int root)
    {
        using var output = new MemoryStream();
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (int i = 0; i < _objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write(output, $"{i + 1} 0 obj\n");
            output.Write(_objects[i] ?? "null"u8.ToArray());
            Write(output, "\nendobj\n");
        }

        long xref = output.Position;
        Write(output, $"xref\n0 {_objects.Count + 1}\n0000000000 65535 f\r\n");
        foreach (long offset in offsets)
        {
            Write(output, offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n\r\n");
        }

        Write(output, $"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));
}
