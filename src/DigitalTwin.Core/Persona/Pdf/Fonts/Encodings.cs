using DigitalTwin.Persona.Pdf.Fonts.Tables;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>The base encodings of simple fonts as glyph-name tables of 256 entries.</summary>
internal static class Encodings
{
    private static readonly Lazy<string[]> StandardTable = new(() => Parse(StandardEncodingData.Data));
    private static readonly Lazy<string[]> WinAnsiTable = new(() => Parse(WinAnsiEncodingData.Data));
    private static readonly Lazy<string[]> MacRomanTable = new(() => Parse(MacRomanEncodingData.Data));
    private static readonly Lazy<string[]> SymbolTable = new(() => Parse(SymbolEncodingData.Data));
    private static readonly Lazy<string[]> DingbatsTable = new(() => Parse(ZapfDingbatsEncodingData.Data));

    public static string[] Standard => StandardTable.Value;

    public static string[] WinAnsi => WinAnsiTable.Value;

    public static string[] Symbol => SymbolTable.Value;

    public static string[] ZapfDingbats => DingbatsTable.Value;

    /// <summary>A named base encoding, or null for unknown names.</summary>
    public static string[]? ByName(string? name) => name switch
    {
        "StandardEncoding" => StandardTable.Value,
        "WinAnsiEncoding" => WinAnsiTable.Value,
        "MacRomanEncoding" => MacRomanTable.Value,
        "MacExpertEncoding" => StandardTable.Value,
        "PDFDocEncoding" => WinAnsiTable.Value,
        _ => null,
    };

    private static string[] Parse(string data)
    {
        string[] names = data.Split(' ');
        var table = new string[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = i < names.Length ? names[i] : ".notdef";
        }

        return table;
    }
}
