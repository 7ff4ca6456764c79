using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>Reads the objects of a decrypted object stream (/Type /ObjStm; FlateDecode or unfiltered).</summary>
internal static class ObjectStreamReader
{
    private const int MaxObjects = 1_000_000;

    public static IEnumerable<RawObject> Read(RawDictionary dictionary, byte[] data, PdfExtractionContext context)
    {
        byte[]? decoded = Decode(dictionary, data, context);
        long count = dictionary.Integer("/N") ?? 0, first = dictionary.Integer("/First") ?? 0;
        if (decoded is null || count is <= 0 or > MaxObjects || first < 0 || first >= decoded.Length)
        {
            yield break;
        }

        var header = new RawParser(decoded, 0, (int)first);
        var entries = new List<(int Number, long Offset)>();
        for (long i = 0; i < count && header.Parse() is RawToken { AsInteger: { } number } && header.Parse() is RawToken { AsInteger: { } offset }; i++)
        {
            entries.Add(((int)Math.Clamp(number, 0, int.MaxValue), offset));
        }

        foreach ((int number, long offset) in entries)
        {
            long at = first + offset;
            if (number > 0 && at < decoded.Length && offset >= 0 && new RawParser(decoded, (int)at).Parse() is { } value)
            {
                yield return new RawObject(number, 0, value, null);
            }
        }
    }

    private static byte[]? Decode(RawDictionary dictionary, byte[] data, PdfExtractionContext context)
    {
        object? filter = dictionary["/Filter"];
        object? parms = dictionary["/DecodeParms"];
        if (filter is RawArray { Count: 1 } single)
        {
            filter = single[0];
            parms = parms is RawArray { Count: > 0 } parmArray ? parmArray[0] : parms;
        }

        if (filter is null)
        {
            return data;
        }

        if (filter is not RawName { Text: "/FlateDecode" or "/Fl" })
        {
            return null;
        }

        int limit = context.DecodeAllowance();
        byte[] inflated = StreamDecoder.Inflate(data, limit, context);
        context.CountDecoded(inflated.Length);
        return Predictors.Apply(inflated, PredictorParameters(parms as RawDictionary));
    }

    private static PdfDictionary? PredictorParameters(RawDictionary? parms)
    {
        if (parms is null)
        {
            return null;
        }

        var result = new PdfDictionary();
        foreach (string key in new[] { "/Predictor", "/Colors", "/BitsPerComponent", "/Columns" })
        {
            if (parms.Integer(key) is { } value)
            {
                result.Elements.SetInteger(key, (int)Math.Clamp(value, int.MinValue, int.MaxValue));
            }
        }

        return result;
    }
}
