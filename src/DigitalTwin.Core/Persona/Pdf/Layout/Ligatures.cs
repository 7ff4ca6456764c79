using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>Expands Latin typographic ligatures (U+FB00–U+FB06) and drops control characters while appending glyph text.</summary>
internal static class Ligatures
{
    public static void Append(StringBuilder sb, string text)
    {
        foreach (char c in text)
        {
            switch (c)
            {
                case '\uFB00': sb.Append("ff"); break;
                case '\uFB01': sb.Append("fi"); break;
                case '\uFB02': sb.Append("fl"); break;
                case '\uFB03': sb.Append("ffi"); break;
                case '\uFB04': sb.Append("ffl"); break;
                case '\uFB05' or '\uFB06': sb.Append("st"); break;
                default:
                    if (!char.IsControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }
}
