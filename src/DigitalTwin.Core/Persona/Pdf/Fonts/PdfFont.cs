namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>What the text extractor needs of a font: how to split strings into codes, their Unicode and widths.</summary>
internal sealed class PdfFont
{
    private static readonly CMap SingleByte = CreateSingleByte();

    /// <summary>The encoding CMap of a composite (Type 0) font; null for simple fonts.</summary>
    public CMap? Encoding { get; init; }

    /// <summary>The /ToUnicode CMap, when present.</summary>
    public CMap? ToUnicode { get; init; }

    /// <summary>Unicode text by code for simple fonts (from the encoding's glyph names).</summary>
    public string?[] SimpleUnicode { get; init; } = new string?[256];

    /// <summary>Glyph widths by code for simple fonts, in text space units per unit font size.</summary>
    public double[] SimpleWidths { get; init; } = new double[256];

    /// <summary>CID widths of composite fonts, in text space units per unit font size.</summary>
    public Dictionary<int, double> CidWidths { get; init; } = [];

    /// <summary>Width of CIDs missing from <see cref="CidWidths"/>.</summary>
    public double DefaultWidth { get; init; } = 1.0;

    /// <summary>Vertical advance (negative is downwards) per unit font size for vertical fonts.</summary>
    public double VerticalAdvance { get; init; } = -1.0;

    /// <summary>Relative size of the font's em compared with a 1000-unit glyph space (Type 3 fonts).</summary>
    public double SizeFactor { get; init; } = 1.0;

    /// <summary>Whether the font writes vertically (WMode 1).</summary>
    public bool Vertical => Encoding?.WMode == 1;

    /// <summary>Reads the next code; returns the number of bytes it takes.</summary>
    public int ReadCode(ReadOnlySpan<byte> bytes, int pos, out uint code) =>
        (Encoding ?? SingleByte).ReadCode(bytes, pos, out code);

    /// <summary>The Unicode text of a code, or null when it cannot be known.</summary>
    public string? Unicode(int length, uint code)
    {
        if (ToUnicode?.Lookup(length, code) is { } mapped)
        {
            return mapped;
        }

        if (Encoding is null)
        {
            return code < 256 ? SimpleUnicode[code] : null;
        }

        if (Encoding.CodeIsUtf16)
        {
            (char high, char low) = ((char)(code >> 16), (char)(code & 0xFFFF));
            return length == 4
                ? char.IsSurrogatePair(high, low) ? new string([high, low]) : null
                : code is < 0xD800 or > 0xDFFF ? ((char)code).ToString() : null;
        }

        if (Encoding.TextEncoding is { } textEncoding)
        {
            Span<byte> raw = stackalloc byte[length];
            for (int i = 0; i < length; i++)
            {
                raw[i] = (byte)(code >> (8 * (length - 1 - i)));
            }

            return textEncoding.GetString(raw);
        }

        return Encoding.Cid(length, code) is int cid ? CidUnicode?.Invoke(cid) : null;
    }

    /// <summary>Unicode by CID for composite fonts without ToUnicode (from the font program or a character collection).</summary>
    public Func<int, string?>? CidUnicode { get; init; }

    /// <summary>The horizontal advance of a code per unit font size.</summary>
    public double Width(int length, uint code)
    {
        if (Encoding is null)
        {
            return code < 256 ? SimpleWidths[code] : 0;
        }

        int cid = Encoding.Cid(length, code) ?? (int)code;
        return CidWidths.TryGetValue(cid, out double w) ? w : DefaultWidth;
    }

    /// <summary>Whether word spacing (Tw) applies: single-byte code 32.</summary>
    public static bool IsWordSpaceCode(int length, uint code) => length == 1 && code == 32;

    private static CMap CreateSingleByte()
    {
        var cmap = new CMap();
        cmap.AddCodespace(1, 0, 0xFF);
        return cmap;
    }
}
