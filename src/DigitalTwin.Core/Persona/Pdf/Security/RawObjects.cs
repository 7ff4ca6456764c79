namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>A string as its bytes; <see cref="Unnormalized"/> keeps unescaped line ends as written (for /O and /U).</summary>
internal sealed record RawString(byte[] Bytes, byte[] Unnormalized);

/// <summary>A name as written, with its slash (for example "/Type").</summary>
internal sealed record RawName(string Text);

/// <summary>An indirect reference "N G R".</summary>
internal sealed record RawRef(int Number, int Generation);

/// <summary>A number, boolean, null or other bare keyword, kept as written.</summary>
internal sealed record RawToken(string Text)
{
    /// <summary>The token as an integer, when it is one.</summary>
    public long? AsInteger =>
        long.TryParse(Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long value)
            ? value
            : double.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double real) && Math.Abs(real) < long.MaxValue
            ? (long)real
            : null;
}

/// <summary>An array of raw objects.</summary>
internal sealed class RawArray : List<object>;

/// <summary>A dictionary in written order (later duplicates win on lookup).</summary>
internal sealed class RawDictionary : List<KeyValuePair<string, object>>
{
    /// <summary>The value of a key given with its slash, or null.</summary>
    public object? this[string key]
    {
        get
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (this[i].Key == key)
                {
                    return this[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>The name value of a key without its slash, or null.</summary>
    public string? Name(string key) => this[key] is RawName name ? name.Text[1..] : null;

    /// <summary>The integer value of a key, or null.</summary>
    public long? Integer(string key) => (this[key] as RawToken)?.AsInteger;

    /// <summary>Removes every entry with this key.</summary>
    public void Remove(string key) => RemoveAll(e => e.Key == key);

    /// <summary>Replaces (or adds) an entry.</summary>
    public void Set(string key, object value)
    {
        Remove(key);
        Add(new(key, value));
    }
}

/// <summary>An indirect object: its dictionary or value, and a stream's raw data when it has one.</summary>
internal sealed record RawObject(int Number, int Generation, object Value, byte[]? StreamData);
