using System.Text;
using DigitalTwin.Persona.Pdf.Parsing;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// Parses PDF objects from bytes (dictionaries, arrays, strings with every escape, names, numbers, references),
/// with a nesting limit. Malformed input ends a container where it breaks instead of throwing.
/// </summary>
internal sealed class RawParser(byte[] data, int position, int end)
{
    private const int MaxDepth = 256;

    public RawParser(byte[] data, int position)
        : this(data, position, data.Length)
    {
    }

    public int Position { get; private set; } = position;

    /// <summary>Parses one object, or returns null at the end of the data or on a closing delimiter.</summary>
    public object? Parse(int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new PdfTextExtractionException($"The PDF nests objects deeper than {MaxDepth} levels.") { Failure = PdfTextExtractionFailure.LimitExceeded };
        }

        SkipWhitespace();
        if (Position >= end)
        {
            return null;
        }

        byte c = data[Position];
        if (c == '<' && Peek(1) == '<')
        {
            Position += 2;
            return ParseDictionary(depth);
        }

        switch (c)
        {
            case (byte)'<':
                Position++;
                return ParseHex();
            case (byte)'(':
                Position++;
                return ParseLiteral();
            case (byte)'[':
                Position++;
                return ParseArray(depth);
            case (byte)'/':
                return new RawName(ReadRegular(1));
            case (byte)']' or (byte)'>' or (byte)')' or (byte)'{' or (byte)'}':
                return null;
            default:
                return ParseTokenOrReference();
        }
    }

    /// <summary>Skips whitespace and comments.</summary>
    public void SkipWhitespace()
    {
        while (Position < end)
        {
            byte c = data[Position];
            if (c == '%')
            {
                while (Position < end && data[Position] is not ((byte)'\r' or (byte)'\n'))
                {
                    Position++;
                }
            }
            else if (IsWhitespace(c))
            {
                Position++;
            }
            else
            {
                return;
            }
        }
    }

    public static bool IsWhitespace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    /// <summary>Whether the bytes at the position spell this keyword (followed by a non-regular byte).</summary>
    public bool AtKeyword(string keyword)
    {
        SkipWhitespace();
        if (Position + keyword.Length > end)
        {
            return false;
        }

        for (int i = 0; i < keyword.Length; i++)
        {
            if (data[Position + i] != keyword[i])
            {
                return false;
            }
        }

        int after = Position + keyword.Length;
        return after >= end || IsWhitespace(data[after]) || IsDelimiter(data[after]);
    }

    /// <summary>Moves past the keyword the caller has just seen with <see cref="AtKeyword"/>.</summary>
    public void Skip(int count) => Position += count;

    private int Peek(int offset) => Position + offset < end ? data[Position + offset] : -1;

    private RawDictionary ParseDictionary(int depth)
    {
        var dictionary = new RawDictionary();
        while (true)
        {
            SkipWhitespace();
            if (Position >= end)
            {
                return dictionary;
            }

            if (data[Position] == '>')
            {
                Position += Peek(1) == '>' ? 2 : 1;
                return dictionary;
            }

            if (data[Position] != '/')
            {
                // A stray token where a key belongs: skip it (or stop at a delimiter that cannot be skipped).
                if (Parse(depth + 1) is null)
                {
                    Position++;
                }

                continue;
            }

            string key = ReadRegular(1);
            object? value = Parse(depth + 1);
            if (value is not null)
            {
                dictionary.Add(new(key, value));
            }
        }
    }

    private RawArray ParseArray(int depth)
    {
        var array = new RawArray();
        while (true)
        {
            SkipWhitespace();
            if (Position >= end)
            {
                return array;
            }

            if (data[Position] == ']')
            {
                Position++;
                return array;
            }

            if (Parse(depth + 1) is { } item)
            {
                array.Add(item);
            }
            else
            {
                Position++;
            }
        }
    }

    private RawString ParseHex()
    {
        int close = data.AsSpan(Position, end - Position).IndexOf((byte)'>');
        close = close < 0 ? end : Position + close;
        byte[] bytes = AsciiDecoders.DecodeHex(data[Position..close]);
        Position = Math.Min(end, close + 1);
        return new RawString(bytes, bytes);
    }

    private RawString ParseLiteral()
    {
        int position = Position;
        RawString result = LiteralStringReader.Read(data, ref position, end);
        Position = position;
        return result;
    }

    private object ParseTokenOrReference()
    {
        string token = ReadRegular(0);
        if (token.Length == 0)
        {
            Position++;
            return new RawToken(Encoding.Latin1.GetString(data, Position - 1, 1));
        }

        if (IsUnsignedInteger(token))
        {
            int save = Position;
            SkipWhitespace();
            string generation = ReadRegular(0);
            if (IsUnsignedInteger(generation))
            {
                SkipWhitespace();
                if (Position < end && data[Position] == 'R' && (Position + 1 >= end || IsWhitespace(data[Position + 1]) || IsDelimiter(data[Position + 1])) &&
                    int.TryParse(token, out int number) && int.TryParse(generation, out int gen))
                {
                    Position++;
                    return new RawRef(number, gen);
                }
            }

            Position = save;
        }

        return new RawToken(token);
    }

    private static bool IsUnsignedInteger(string token) => token.Length is > 0 and < 11 && token.All(char.IsAsciiDigit);

    private string ReadRegular(int skip)
    {
        int start = Position;
        Position += skip;
        while (Position < end && !IsWhitespace(data[Position]) && !IsDelimiter(data[Position]))
        {
            Position++;
        }

        return Encoding.Latin1.GetString(data, start, Position - start);
    }
}
