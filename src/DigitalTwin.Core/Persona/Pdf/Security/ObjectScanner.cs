namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// Reads every "N G obj" object of a file in file order (stream data is skipped by its /Length, or up to
/// "endstream" when the length is wrong or indirect) and every trailer dictionary, including those of xref streams.
/// </summary>
internal static class ObjectScanner
{
    public static (List<RawObject> Objects, List<RawDictionary> Trailers) Scan(byte[] data, PdfExtractionContext context)
    {
        var objects = new List<RawObject>();
        var trailers = new List<RawDictionary>();
        int position = 0, trailer = -1, endstream = -1;
        while (position < data.Length)
        {
            context.CheckTime();
            if (context.Exhausted)
            {
                throw new PdfTextExtractionException($"The encrypted PDF could not be read within the safety limits ({context.LimitHit}).")
                {
                    Failure = PdfTextExtractionFailure.LimitExceeded,
                };
            }

            int obj = data.AsSpan(position).IndexOf("obj"u8);
            if (trailer != int.MaxValue && trailer < position)
            {
                int found = data.AsSpan(position).IndexOf("trailer"u8);
                trailer = found < 0 ? int.MaxValue : position + found;
            }

            if (trailer != int.MaxValue && (obj < 0 || trailer < position + obj))
            {
                var parser = new RawParser(data, trailer + 7);
                if (parser.Parse() is RawDictionary dictionary)
                {
                    trailers.Add(dictionary);
                }

                position = Math.Max(parser.Position, trailer + 7);
                continue;
            }

            if (obj < 0)
            {
                break;
            }

            obj += position;
            position = obj + 3;
            if (Header(data, obj) is { } header && ReadObject(data, header.Number, header.Generation, obj + 3, ref endstream) is { } read)
            {
                objects.Add(read.Object);
                position = read.End;
                if (read.Object is { StreamData: not null, Value: RawDictionary d } && d.Name("/Type") == "XRef")
                {
                    trailers.Add(d);
                }
            }
        }

        return (objects, trailers);
    }

    /// <summary>The object number and generation before the "obj" keyword at <paramref name="at"/>, if it is a header.</summary>
    private static (int Number, int Generation)? Header(byte[] data, int at)
    {
        if (at + 3 < data.Length && !RawParser.IsWhitespace(data[at + 3]) && !RawParser.IsDelimiter(data[at + 3]))
        {
            return null;
        }

        int i = at - 1;
        int generation = ReadNumberBackwards(data, ref i, requireSpace: false);
        int number = generation < 0 ? -1 : ReadNumberBackwards(data, ref i, requireSpace: true);
        bool boundary = i < 0 || RawParser.IsWhitespace(data[i]) || RawParser.IsDelimiter(data[i]);
        return number > 0 && boundary ? (number, generation) : null;
    }

    private static int ReadNumberBackwards(byte[] data, ref int i, bool requireSpace)
    {
        int spaces = 0;
        while (i >= 0 && RawParser.IsWhitespace(data[i]))
        {
            i--;
            spaces++;
        }

        if (requireSpace && spaces == 0)
        {
            return -1;
        }

        int end = i;
        while (i >= 0 && end - i < 10 && data[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        return end == i || !int.TryParse(data.AsSpan(i + 1, end - i), out int value) ? -1 : value;
    }

    /// <summary>Reads one object; <paramref name="endstream"/> caches the next "endstream" (int.MaxValue: none left) so damaged files stay linear.</summary>
    private static (RawObject Object, int End)? ReadObject(byte[] data, int number, int generation, int start, ref int endstream)
    {
        var parser = new RawParser(data, start);
        if (parser.Parse() is not { } value)
        {
            return null;
        }

        if (!parser.AtKeyword("stream") || value is not RawDictionary dictionary)
        {
            return (new RawObject(number, generation, value, null), parser.Position);
        }

        int dataStart = parser.Position + 6;
        dataStart += data.AsSpan(dataStart).StartsWith("\r\n"u8) ? 2 : dataStart < data.Length && data[dataStart] is (byte)'\n' or (byte)'\r' ? 1 : 0;
        long? length = dictionary.Integer("/Length");
        if (length is >= 0 && length <= data.Length - dataStart && EndstreamAfter(data, dataStart + (int)length) is { } declaredEnd)
        {
            return (new RawObject(number, generation, value, data[dataStart..(dataStart + (int)length)]), declaredEnd + 9);
        }

        if (endstream != int.MaxValue && endstream < dataStart)
        {
            int found = data.AsSpan(dataStart).IndexOf("endstream"u8);
            endstream = found < 0 ? int.MaxValue : dataStart + found;
        }

        if (endstream == int.MaxValue)
        {
            return null;
        }

        int dataEnd = endstream;
        dataEnd -= dataEnd > dataStart && data[dataEnd - 1] == '\n' ? 1 : 0;
        dataEnd -= dataEnd > dataStart && data[dataEnd - 1] == '\r' ? 1 : 0;
        return (new RawObject(number, generation, value, data[dataStart..dataEnd]), endstream + 9);
    }

    /// <summary>Where "endstream" starts when only whitespace precedes it from <paramref name="at"/>, otherwise null.</summary>
    private static int? EndstreamAfter(byte[] data, int at)
    {
        int limit = Math.Min(data.Length, at + 256);
        while (at < limit && RawParser.IsWhitespace(data[at]))
        {
            at++;
        }

        return data.AsSpan(at).StartsWith("endstream"u8) ? at : null;
    }
}
