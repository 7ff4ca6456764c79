using System.IO.Compression;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Decodes PDF stream data with a size limit (decompression bombs stop at the limit instead of filling memory).
/// Supports FlateDecode (with PNG/TIFF predictors), LZWDecode, ASCIIHexDecode, ASCII85Decode and RunLengthDecode.
/// </summary>
internal static class StreamDecoder
{
    /// <summary>Decodes a stream's data; returns null for image-only filters or undecodable data.</summary>
    public static byte[]? Decode(PdfDictionary dictionary, PdfExtractionContext context)
    {
        byte[]? data = dictionary.Stream?.Value;
        if (data is null)
        {
            return null;
        }

        PdfItem? filterItem = PdfObjects.Get(dictionary, "/Filter");
        PdfItem? parmsItem = PdfObjects.Get(dictionary, "/DecodeParms");
        var filters = new List<(string Name, PdfDictionary? Parms)>();
        if (filterItem is PdfArray filterArray)
        {
            var parms = PdfObjects.Items(parmsItem as PdfArray).ToList();
            int i = 0;
            foreach (PdfItem? f in PdfObjects.Items(filterArray))
            {
                filters.Add((PdfObjects.AsName(f) ?? string.Empty, i < parms.Count ? parms[i] as PdfDictionary : null));
                i++;
            }
        }
        else if (PdfObjects.AsName(filterItem) is { } single)
        {
            filters.Add((single, parmsItem as PdfDictionary));
        }

        foreach ((string name, PdfDictionary? parms) in filters)
        {
            int limit = context.DecodeAllowance();
            if (limit == 0)
            {
                context.NoteLimit("decoded data budget exceeded");
                return null;
            }

            byte[]? decoded = DecodeOne(name, parms, data, limit, context);
            if (decoded is null)
            {
                return null;
            }

            context.CountDecoded(decoded.Length);
            data = decoded;
        }

        return data;
    }

    private static byte[]? DecodeOne(string name, PdfDictionary? parms, byte[] data, int limit, PdfExtractionContext context)
    {
        byte[]? result = name switch
        {
            "FlateDecode" or "Fl" => Predictors.Apply(Inflate(data, limit, context), parms),
            "LZWDecode" or "LZW" => Predictors.Apply(LzwDecoder.Decode(data, limit, EarlyChange(parms), context), parms),
            "ASCIIHexDecode" or "AHx" => AsciiDecoders.DecodeHex(data),
            "ASCII85Decode" or "A85" => AsciiDecoders.Decode85(data),
            "RunLengthDecode" or "RL" => AsciiDecoders.DecodeRunLength(data, limit, context),
            _ => null,
        };
        return result;
    }

    private static int EarlyChange(PdfDictionary? parms) => (int)(PdfObjects.GetNumber(parms, "/EarlyChange") ?? 1);

    /// <summary>Inflates zlib (or raw deflate) data; truncated data yields what could be read.</summary>
    public static byte[] Inflate(byte[] data, int limit, PdfExtractionContext context)
    {
        bool zlibHeader = data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
        using var input = new MemoryStream(data, zlibHeader ? 2 : 0, data.Length - (zlibHeader ? 2 : 0));
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[16384];
        try
        {
            while (true)
            {
                int read = inflater.Read(buffer, 0, buffer.Length);
                if (read <= 0)
                {
                    break;
                }

                if (output.Length + read > limit)
                {
                    output.Write(buffer, 0, (int)(limit - output.Length));
                    context.NoteLimit("a stream exceeds the decompressed size limit");
                    break;
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Damaged or truncated data: keep what was inflated before the damage.
        }

        return output.ToArray();
    }
}
