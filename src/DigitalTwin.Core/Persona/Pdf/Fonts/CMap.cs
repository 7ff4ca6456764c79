namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>
/// A character map: codespace ranges (how many bytes a code has), code → Unicode (ToUnicode CMaps) and
/// code → CID (encoding CMaps). Codes are keyed with their byte length so &lt;41&gt; and &lt;0041&gt; differ.
/// </summary>
internal sealed class CMap
{
    /// <summary>Most mappings a CMap may hold (ranges are expanded).</summary>
    public const int MaxMappings = 200_000;

    private readonly List<(int Length, uint Low, uint High)> _codespaces = [];
    private readonly Dictionary<long, string> _unicode = [];
    private readonly Dictionary<long, int> _cids = [];
    private readonly List<(int Length, uint Low, uint High, int Cid)> _cidRanges = [];

    /// <summary>Writing mode: 1 for vertical.</summary>
    public int WMode { get; set; }

    /// <summary>Whether a code maps to a CID equal to its value when no mapping is given (Identity CMaps).</summary>
    public bool IsIdentity { get; set; }

    public bool HasCodespaces => _codespaces.Count > 0;

    /// <summary>For predefined CMaps of legacy CJK encodings: decodes a code's bytes to Unicode.</summary>
    public System.Text.Encoding? TextEncoding { get; set; }

    /// <summary>For predefined Uni*-UCS2/UTF16 CMaps: the code is UTF-16.</summary>
    public bool CodeIsUtf16 { get; set; }

    public int UnicodeCount => _unicode.Count;

    public void AddCodespace(int length, uint low, uint high) => _codespaces.Add((length, low, high));

    public void AddUnicode(int length, uint code, string text)
    {
        if (_unicode.Count < MaxMappings)
        {
            _unicode[Key(length, code)] = text;
        }
    }

    public void AddCid(int length, uint code, int cid)
    {
        if (_cids.Count < MaxMappings)
        {
            _cids[Key(length, code)] = cid;
        }
    }

    public void AddCidRange(int length, uint low, uint high, int cid) => _cidRanges.Add((length, low, high, cid));

    /// <summary>Adds every mapping of another CMap that this one does not define (usecmap).</summary>
    public void Inherit(CMap parent)
    {
        _codespaces.AddRange(parent._codespaces);
        foreach (var pair in parent._unicode)
        {
            _unicode.TryAdd(pair.Key, pair.Value);
        }

        foreach (var pair in parent._cids)
        {
            _cids.TryAdd(pair.Key, pair.Value);
        }

        _cidRanges.AddRange(parent._cidRanges);
        IsIdentity |= parent.IsIdentity;
        WMode = parent.WMode != 0 ? parent.WMode : WMode;
    }

    /// <summary>Reads the next code at <paramref name="pos"/>; returns its byte length (at least 1).</summary>
    public int ReadCode(ReadOnlySpan<byte> bytes, int pos, out uint code)
    {
        uint value = 0;
        for (int length = 1; length <= 4 && pos + length <= bytes.Length; length++)
        {
            value = (value << 8) | bytes[pos + length - 1];
            foreach (var (len, low, high) in _codespaces)
            {
                if (len == length && value >= low && value <= high)
                {
                    code = value;
                    return length;
                }
            }
        }

        int fallback = _codespaces.Count > 0 ? _codespaces.Min(c => c.Length) : 1;
        fallback = Math.Min(fallback, bytes.Length - pos);
        code = 0;
        for (int i = 0; i < fallback; i++)
        {
            code = (code << 8) | bytes[pos + i];
        }

        return Math.Max(1, fallback);
    }

    /// <summary>The Unicode text of a code, or null.</summary>
    public string? Lookup(int length, uint code) => _unicode.TryGetValue(Key(length, code), out string? text) ? text : null;

    /// <summary>The CID of a code, or null when the CMap does not map it.</summary>
    public int? Cid(int length, uint code)
    {
        if (_cids.TryGetValue(Key(length, code), out int cid))
        {
            return cid;
        }

        foreach (var (len, low, high, start) in _cidRanges)
        {
            if (len == length && code >= low && code <= high)
            {
                return start + (int)(code - low);
            }
        }

        return IsIdentity ? (int)code : null;
    }

    private static long Key(int length, uint code) => ((long)length << 32) | code;
}
