using System.Text;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>
/// Tokenizes a content stream (or a CMap) into operands and operators. Never throws on bad input:
/// unknown bytes are skipped, unterminated constructs end at the end of the data, nesting is bounded.
/// </summary>
internal sealed class ContentLexer
{
    private const int MaxNesting = 64;
    private readonly byte[] _data;
    private int _pos;

    public ContentLexer(byte[] data) => _data = data;

    /// <summary>Reads the next token; false at the end of the data.</summary>
    public bool TryRead(out ContentToken token) => TryRead(out token, 0);

    private bool TryRead(out ContentToken token, int depth)
    {
        token = default;
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= _data.Length)
            {
                return false;
            }

            byte b = _data[_pos];
            if (depth >= MaxNesting && (b == '[' || (b == '<' && Peek(1) == '<')))
            {
                // Too deep: the bracket is dropped so nesting cannot grow the stack.
                _pos += b == '[' ? 1 : 2;
                continue;
            }

            switch (b)
            {
                case (byte)'(':
                    _pos++;
                    token = ContentToken.FromString(ContentLiterals.ReadLiteralString(_data, ref _pos));
                    return true;
                case (byte)'<' when Peek(1) == '<':
                    _pos += 2;
                    token = ReadDictionary(depth);
                    return true;
                case (byte)'<':
                    _pos++;
                    token = ContentToken.FromString(ContentLiterals.ReadHexString(_data, ref _pos));
                    return true;
                case (byte)'/':
                    _pos++;
                    token = ContentToken.FromName(ContentLiterals.ReadName(_data, ref _pos));
                    return true;
                case (byte)'[':
                    _pos++;
                    token = ReadArray(depth);
                    return true;
                case (byte)']' or (byte)'>' or (byte)')' or (byte)'{' or (byte)'}':
                    _pos++;
                    token = ContentToken.FromOperator(((char)b).ToString());
                    return true;
                default:
                    if (IsNumberStart(b))
                    {
                        token = ContentLiterals.ReadNumber(_data, ref _pos);
                        return true;
                    }

                    string word = ReadRegular();
                    if (word.Length == 0)
                    {
                        _pos++;
                        continue;
                    }

                    token = word switch
                    {
                        "true" => new ContentToken(ContentTokenKind.Boolean, 1),
                        "false" => new ContentToken(ContentTokenKind.Boolean, 0),
                        "null" => new ContentToken(ContentTokenKind.Null),
                        _ => ContentToken.FromOperator(word),
                    };
                    return true;
            }
        }
    }

    /// <summary>Skips inline image data after the ID operator, up to and including EI.</summary>
    public void SkipInlineImageData()
    {
        _pos++;
        while (_pos + 1 < _data.Length)
        {
            if (_data[_pos] == 'E' && _data[_pos + 1] == 'I' && IsWhitespace(_data[_pos - 1]) &&
                (_pos + 2 >= _data.Length || IsWhitespace(_data[_pos + 2]) || IsDelimiter(_data[_pos + 2])))
            {
                _pos += 2;
                return;
            }

            _pos++;
        }

        _pos = _data.Length;
    }

    private ContentToken ReadArray(int depth)
    {
        var items = new List<ContentToken>();
        while (TryRead(out ContentToken item, depth + 1))
        {
            if (item.Kind == ContentTokenKind.Operator && item.Text == "]")
            {
                break;
            }

            if (depth < MaxNesting && items.Count < 1_000_000)
            {
                items.Add(item);
            }
        }

        return new ContentToken(ContentTokenKind.Array, Items: items);
    }

    private ContentToken ReadDictionary(int depth)
    {
        var entries = new Dictionary<string, ContentToken>(StringComparer.Ordinal);
        string? key = null;
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= _data.Length)
            {
                break;
            }

            if (_data[_pos] == '>' && Peek(1) == '>')
            {
                _pos += 2;
                break;
            }

            if (!TryRead(out ContentToken item, depth + 1))
            {
                break;
            }

            if (key is null)
            {
                key = item.Kind == ContentTokenKind.Name ? item.Text : null;
            }
            else
            {
                if (depth < MaxNesting)
                {
                    entries[key] = item;
                }

                key = null;
            }
        }

        return new ContentToken(ContentTokenKind.Dictionary, Entries: entries);
    }

    private string ReadRegular()
    {
        int start = _pos;
        while (_pos < _data.Length && !IsWhitespace(_data[_pos]) && !IsDelimiter(_data[_pos]))
        {
            _pos++;
        }

        return Encoding.Latin1.GetString(_data, start, _pos - start);
    }

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _data.Length)
        {
            byte b = _data[_pos];
            if (b == '%')
            {
                while (_pos < _data.Length && _data[_pos] != '\n' && _data[_pos] != '\r')
                {
                    _pos++;
                }
            }
            else if (IsWhitespace(b))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private int Peek(int offset) => _pos + offset < _data.Length ? _data[_pos + offset] : -1;

    public static bool IsNumberStart(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.';

    public static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) =>
        b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
