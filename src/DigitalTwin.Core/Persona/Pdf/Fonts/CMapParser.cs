using System.Text;
using DigitalTwin.Persona.Pdf.Content;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Parses embedded CMaps (ToUnicode and encoding CMaps): codespace, bfchar, bfrange, cidchar, cidrange.</summary>
internal static class CMapParser
{
    private const int MaxRangeSpan = 65_536;

    /// <summary>Parses CMap data into <paramref name="cmap"/> (or a new CMap); never throws on bad data.</summary>
    public static CMap Parse(byte[] data, CMap? cmap = null)
    {
        cmap ??= new CMap();
        var lexer = new ContentLexer(data);
        var operands = new List<ContentToken>();
        string? mode = null;
        while (lexer.TryRead(out ContentToken token))
        {
            if (token.Kind != ContentTokenKind.Operator)
            {
                operands.Add(token);
                if (mode is not null)
                {
                    Consume(cmap, mode, operands);
                }

                continue;
            }

            switch (token.Text)
            {
                case "begincodespacerange" or "beginbfchar" or "beginbfrange" or "begincidchar" or "begincidrange":
                    mode = token.Text;
                    break;
                case "endcodespacerange" or "endbfchar" or "endbfrange" or "endcidchar" or "endcidrange":
                    mode = null;
                    break;
                case "def" when operands.Count >= 2 && operands[^2].Kind == ContentTokenKind.Name && operands[^2].Text == "WMode":
                    cmap.WMode = (int)operands[^1].AsNumber;
                    break;
                case "usecmap" when operands.Count >= 1 && operands[^1].Kind == ContentTokenKind.Name:
                    if (PredefinedCMaps.Get(operands[^1].Text!) is { } parent)
                    {
                        cmap.Inherit(parent);
                    }

                    break;
            }

            operands.Clear();
        }

        return cmap;
    }

    private static void Consume(CMap cmap, string mode, List<ContentToken> operands)
    {
        int needed = mode is "beginbfrange" or "begincidrange" ? 3 : 2;
        if (operands.Count < needed)
        {
            return;
        }

        ContentToken a = operands[0], b = operands[1], c = needed == 3 ? operands[2] : default;
        operands.Clear();
        if (a.Kind != ContentTokenKind.String || a.Bytes!.Length is 0 or > 4)
        {
            return;
        }

        int length = a.Bytes.Length;
        uint low = ToCode(a.Bytes);
        switch (mode)
        {
            case "begincodespacerange" when b.Kind == ContentTokenKind.String:
                cmap.AddCodespace(length, low, ToCode(b.Bytes!));
                break;
            case "beginbfchar":
                if ((b.Kind == ContentTokenKind.String && b.Bytes!.Length == 0 ? string.Empty : Destination(b)) is { } text)
                {
                    cmap.AddUnicode(length, low, text);
                }

                break;
            case "begincidchar":
                cmap.AddCid(length, low, (int)b.AsNumber);
                break;
            case "begincidrange" when b.Kind == ContentTokenKind.String:
                cmap.AddCidRange(length, low, ToCode(b.Bytes!), (int)c.AsNumber);
                break;
            case "beginbfrange" when b.Kind == ContentTokenKind.String:
                AddBfRange(cmap, length, low, ToCode(b.Bytes!), c);
                break;
        }
    }

    private static void AddBfRange(CMap cmap, int length, uint low, uint high, ContentToken destination)
    {
        if (high < low || high - low >= MaxRangeSpan)
        {
            return;
        }

        if (destination.Kind == ContentTokenKind.Array)
        {
            int i = 0;
            foreach (ContentToken item in destination.Items!)
            {
                if (low + (uint)i > high)
                {
                    break;
                }

                if (Destination(item) is { } text)
                {
                    cmap.AddUnicode(length, low + (uint)i, text);
                }

                i++;
            }

            return;
        }

        if (destination.Kind != ContentTokenKind.String || destination.Bytes!.Length == 0)
        {
            return;
        }

        byte[] start = destination.Bytes;
        for (uint code = low; code <= high; code++)
        {
            byte[] current = (byte[])start.Clone();
            uint offset = code - low;
            int last = current.Length - 1;
            uint sum = current[last] + offset;
            current[last] = (byte)sum;
            if (last > 0)
            {
                current[last - 1] = (byte)(current[last - 1] + (sum >> 8));
            }

            if (DecodeUtf16(current) is { } text)
            {
                cmap.AddUnicode(length, code, text);
            }
        }
    }

    private static string? Destination(ContentToken token) => token.Kind switch
    {
        ContentTokenKind.String => DecodeUtf16(token.Bytes!),
        ContentTokenKind.Name => GlyphNames.ToUnicode(token.Text),
        ContentTokenKind.Number => char.ConvertFromUtf32(Math.Clamp((int)token.Number, 0, 0xD7FF)),
        _ => null,
    };

    /// <summary>Decodes a UTF-16BE destination (surrogate pairs included); a single byte is taken as Latin-1.</summary>
    public static string? DecodeUtf16(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        if (bytes.Length == 1)
        {
            return ((char)bytes[0]).ToString();
        }

        string text = Encoding.BigEndianUnicode.GetString(bytes, 0, bytes.Length & ~1);
        return text.Length == 0 ? null : text;
    }

    private static uint ToCode(byte[] bytes)
    {
        uint code = 0;
        foreach (byte b in bytes.AsSpan(0, Math.Min(4, bytes.Length)))
        {
            code = (code << 8) | b;
        }

        return code;
    }
}
