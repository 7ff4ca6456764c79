using System.Globalization;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// Turns an encrypted PDF that opens with the empty password into a plain one: every object's strings and streams
/// are decrypted with their crypt filter, object streams are unpacked, xref streams are dropped, and the objects are
/// written again with a fresh cross-reference table (so linearized and incrementally updated files read alike).
/// </summary>
internal static class PdfDecryptor
{
    /// <summary>The decrypted file, or null when the file is not encrypted. Throws PasswordProtected when a password is needed.</summary>
    public static byte[]? Decrypt(byte[] data, PdfExtractionContext context)
    {
        if (data.AsSpan().IndexOf("/Encrypt"u8) < 0)
        {
            return null;
        }

        (List<RawObject> objects, RawDictionary trailer) = Scan(data, context);
        object? entry = trailer["/Encrypt"];
        if (entry is null)
        {
            return null;
        }

        var encryptRef = entry as RawRef;
        RawDictionary encrypt = entry as RawDictionary
            ?? objects.LastOrDefault(o => o.Number == encryptRef?.Number && o.Value is RawDictionary)?.Value as RawDictionary
            ?? throw Malformed("The PDF is encrypted but its encryption dictionary is missing.");
        byte[] id = trailer["/ID"] is RawArray { Count: > 0 } ids && ids[0] is RawString first ? first.Bytes : [];
        var handler = StandardSecurityHandler.Open(encrypt, id);
        return Rewrite(objects, trailer, handler, encryptRef?.Number, context)
            ?? throw Malformed("The encrypted PDF has no document catalog.");
    }

    /// <summary>
    /// The same rewrite without decryption, as a repair for files whose cross-reference data is broken: unlike a
    /// classic-table repair it keeps the objects inside object streams. Null when no document catalog is found.
    /// </summary>
    public static byte[]? Rebuild(byte[] data, PdfExtractionContext context)
    {
        (List<RawObject> objects, RawDictionary trailer) = Scan(data, context);
        return Rewrite(objects, trailer, null, null, context);
    }

    private static (List<RawObject> Objects, RawDictionary Trailer) Scan(byte[] data, PdfExtractionContext context)
    {
        (List<RawObject> objects, List<RawDictionary> trailers) = ObjectScanner.Scan(data, context);
        var trailer = new RawDictionary();
        foreach ((string key, object value) in trailers.SelectMany(t => t))
        {
            trailer.Set(key, value);
        }

        return (objects, trailer);
    }

    private static byte[]? Rewrite(List<RawObject> objects, RawDictionary trailer, StandardSecurityHandler? handler, int? skip, PdfExtractionContext context)
    {
        var plain = new SortedDictionary<int, RawObject>();
        foreach (RawObject o in objects)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (o.Number == skip)
            {
                continue;
            }

            if (o is not { Value: RawDictionary dictionary, StreamData: { } streamData })
            {
                plain[o.Number] = handler is null ? o : o with { Value = ObjectDecryption.Strings(handler, o.Value, o.Number, o.Generation) };
                continue;
            }

            string? type = dictionary.Name("/Type");
            if (type == "XRef")
            {
                continue;
            }

            RawObject decrypted = ObjectDecryption.Stream(handler, o, dictionary, streamData);
            if (type == "ObjStm")
            {
                foreach (RawObject inner in ObjectStreamReader.Read((RawDictionary)decrypted.Value, decrypted.StreamData!, context))
                {
                    plain[inner.Number] = inner;
                }

                continue;
            }

            plain[o.Number] = decrypted;
        }

        RawRef? root = trailer["/Root"] as RawRef is { } r && plain.ContainsKey(r.Number) ? r
            : plain.Values.Where(o => o.Value is RawDictionary d && d.Name("/Type") == "Catalog").Select(o => new RawRef(o.Number, o.Generation)).LastOrDefault();
        return root is null ? null : Write(plain, root, trailer["/Info"] as RawRef);
    }

    private static byte[] Write(SortedDictionary<int, RawObject> objects, RawRef root, RawRef? info)
    {
        using var output = new MemoryStream();
        output.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
        var offsets = new Dictionary<int, (long Offset, int Generation)>();
        foreach ((int number, RawObject o) in objects)
        {
            offsets[number] = (output.Position, o.Generation);
            RawWriter.Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{number} {o.Generation} obj\n"));
            RawWriter.Write(output, o.Value);
            if (o.StreamData is { } streamData)
            {
                output.Write("\nstream\n"u8);
                output.Write(streamData);
                output.Write("\nendstream"u8);
            }

            output.Write("\nendobj\n"u8);
        }

        int size = objects.Count == 0 ? 1 : objects.Keys.Max() + 1;
        long xref = output.Position;
        RawWriter.Ascii(output, string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f\r\n"));
        for (int n = 1; n < size; n++)
        {
            RawWriter.Ascii(output, offsets.TryGetValue(n, out var at)
                ? string.Create(CultureInfo.InvariantCulture, $"{at.Offset:D10} {Math.Clamp(at.Generation, 0, 65535):D5} n\r\n")
                : "0000000000 65535 f\r\n");
        }

        string infoEntry = info is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" /Info {info.Number} {info.Generation} R");
        RawWriter.Ascii(output, string.Create(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {size} /Root {root.Number} {root.Generation} R{infoEntry} >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static PdfTextExtractionException Malformed(string message) => new(message) { Failure = PdfTextExtractionFailure.Malformed };
}
