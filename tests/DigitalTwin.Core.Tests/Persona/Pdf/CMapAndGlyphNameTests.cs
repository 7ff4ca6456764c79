using DigitalTwin.Persona.Pdf.Fonts;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class CMapAndGlyphNameTests
{
    [Theory]
    [InlineData("A", "A")]
    [InlineData("eacute", "é")]
    [InlineData("uni20AC", "€")]
    [InlineData("uni00660069", "fi")]
    [InlineData("u1F600", "😀")]
    [InlineData("f_f_i", "ffi")]
    [InlineData("a.sc", "a")]
    [InlineData("fi", "\uFB01")]
    public void GlyphNames_MapAglUniAndSuffixedNames(string name, string expected)
    {
        Assert.Equal(expected, GlyphNames.ToUnicode(name));
    }

    [Theory]
    [InlineData(".notdef")]
    [InlineData("g123x")]
    [InlineData("uniD800")]
    public void GlyphNames_UnknownOrInvalidNames_AreNull(string name)
    {
        Assert.Null(GlyphNames.ToUnicode(name));
    }

    [Fact]
    public void CMapParser_MultiByteCodespacesAndBfRangeCarry_AreDecoded()
    {
        string cmap = """
            2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
            1 beginbfrange <80FE> <8101> <00FE> endbfrange
            1 beginbfchar <41> <0042> endbfchar
            """;
        CMap map = CMapParser.Parse(Encoding.ASCII.GetBytes(cmap));
        byte[] bytes = [0x41, 0x81, 0x00, 0x80, 0xFF];
        var decoded = new StringBuilder();
        for (int pos = 0; pos < bytes.Length;)
        {
            int length = map.ReadCode(bytes, pos, out uint code);
            decoded.Append(map.Lookup(length, code) ?? "?");
            pos += length;
        }

        Assert.Equal("B\u0100\u00FF", decoded.ToString());
    }
}
