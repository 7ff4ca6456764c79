namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>A YAML value with a CloudFormation short-form tag such as <c>!Ref</c> or <c>!Sub</c>.</summary>
public sealed record YamlTagged(string Tag, object? Value);

/// <summary>
/// A small YAML reader, enough for CloudFormation templates: block mappings and sequences, flow <c>[…]</c> and <c>{…}</c>,
/// quoted and plain scalars, comments, and short-form tags (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, <c>!If</c>…). Mappings
/// are <see cref="Dictionary{TKey,TValue}"/>, sequences <see cref="List{T}"/>, scalars strings. No anchors or block scalars.
/// </summary>
public static class MiniYaml
{
    public static object? Parse(string text)
    {
        var lines = new List<(int Indent, string Text)>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = StripComment(raw).TrimEnd();
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            lines.Add((indent, line.Trim()));
        }

        var index = 0;
        return lines.Count == 0 ? null : Block(lines, ref index, lines[0].Indent);
    }

    private static object? Block(List<(int Indent, string Text)> lines, ref int index, int indent)
    {
        if (lines[index].Text.StartsWith('-') && (lines[index].Text.Length == 1 || lines[index].Text[1] == ' '))
        {
            var list = new List<object?>();
            while (index < lines.Count && lines[index].Indent == indent && lines[index].Text.StartsWith('-'))
            {
                var rest = lines[index].Text.Length == 1 ? string.Empty : lines[index].Text[2..].TrimStart();
                var itemIndent = indent + (lines[index].Text.Length - rest.Length);
                if (rest.Length == 0)
                {
                    index++;
                    list.Add(index < lines.Count && lines[index].Indent > indent ? Block(lines, ref index, lines[index].Indent) : null);
                }
                else
                {
                    lines[index] = (itemIndent, rest);
                    list.Add(IsMappingLine(rest) || rest.StartsWith("- ", StringComparison.Ordinal)
                        ? Block(lines, ref index, itemIndent)
                        : Value(lines, ref index, indent, rest));
                }
            }

            return list;
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (index < lines.Count && lines[index].Indent == indent && !lines[index].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var text = lines[index].Text;
            var colon = KeyColon(text);
            if (colon < 0)
            {
                throw new FormatException($"Expected 'key: value' at '{text}'.");
            }

            var key = Unquote(text[..colon].Trim());
            var rest = text[(colon + 1)..].Trim();
            map[key] = Value(lines, ref index, indent, rest);
        }

        return map;
    }

    // The value after "key:" or "- ": inline, tagged, or a nested block on the following lines.
    private static object? Value(List<(int Indent, string Text)> lines, ref int index, int indent, string rest)
    {
        string? tag = null;
        if (rest.StartsWith('!'))
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            tag = space < 0 ? rest : rest[..space];
            rest = space < 0 ? string.Empty : rest[(space + 1)..].Trim();
        }

        index++;
        object? value;
        if (rest.Length > 0)
        {
            value = Inline(rest);
        }
        else if (index < lines.Count && lines[index].Indent > indent)
        {
            value = Block(lines, ref index, lines[index].Indent);
        }
        else
        {
            value = tag is null ? null : string.Empty;
        }

        return tag is null ? value : new YamlTagged(tag, value);
    }

    // Flow collections and quoted scalars are read as flow; anything else is one plain scalar (commas included).
    private static object? Inline(string text)
    {
        if (text[0] is '[' or '{' or '\'' or '"')
        {
            var position = 0;
            return Flow(text, ref position);
        }

        return text is "null" or "~" ? null : text;
    }

    private static object? Flow(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == '!')
        {
            var start = position;
            while (position < text.Length && text[position] is not (' ' or ',' or ']' or '}'))
            {
                position++;
            }

            var tag = text[start..position];
            SkipSpaces(text, ref position);
            return new YamlTagged(tag, position < text.Length && text[position] is not (',' or ']' or '}') ? Flow(text, ref position) : string.Empty);
        }

        if (position < text.Length && text[position] == '[')
        {
            position++;
            var list = new List<object?>();
            while (true)
            {
                SkipSpaces(text, ref position);
                if (text[position] == ']')
                {
                    position++;
                    return list;
                }

                list.Add(Flow(text, ref position));
                SkipSpaces(text, ref position);
                if (text[position] == ',')
                {
                    position++;
                }
            }
        }

        if (position < text.Length && text[position] == '{')
        {
            position++;
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpaces(text, ref position);
                if (text[position] == '}')
                {
                    position++;
                    return map;
                }

                var key = Scalar(text, ref position, ':')!;
                position++;
                map[key] = Flow(text, ref position);
                SkipSpaces(text, ref position);
                if (text[position] == ',')
                {
                    position++;
                }
            }
        }

        return Scalar(text, ref position, null);
    }

    private static string? Scalar(string text, ref int position, char? stop)
    {
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] is '\'' or '"')
        {
            var quote = text[position++];
            var builder = new StringBuilder();
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == quote)
                {
                    if (quote == '\'' && position < text.Length && text[position] == '\'')
                    {
                        builder.Append('\'');
                        position++;
                        continue;
                    }

                    return builder.ToString();
                }

                builder.Append(quote == '"' && c == '\\' && position < text.Length ? text[position++] : c);
            }

            throw new FormatException($"Unterminated string in '{text}'.");
        }

        var start = position;
        var depth = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (depth == 0 && (c is ',' or ']' or '}' || (stop is { } s && c == s && (position + 1 >= text.Length || text[position + 1] == ' '))))
            {
                break;
            }

            position++;
        }

        var value = text[start..position].Trim();
        return value is "null" or "~" ? null : value;
    }

    private static bool IsMappingLine(string text) => KeyColon(text) > 0 && !text.StartsWith('!') && !text.StartsWith('[') && !text.StartsWith('{');

    // The colon that ends a key: outside quotes, followed by a space or the end of the line.
    private static int KeyColon(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
            else if (c is '[' or '{' or '!')
            {
                return -1;
            }
        }

        return -1;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string key) => key.Length >= 2 && key[0] is '\'' or '"' && key[^1] == key[0] ? key[1..^1] : key;

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }
}
