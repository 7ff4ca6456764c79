using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>Joins a word hyphenated at a line end with its continuation on the next line.</summary>
internal static class Dehyphenation
{
    /// <summary>Appends <paramref name="next"/> without the hyphen and line break when the text ends with "letter-".</summary>
    public static bool TryJoin(StringBuilder sb, string next)
    {
        if (sb.Length < 2 || sb[^1] is not ('-' or '\u00AD') || !char.IsLetter(sb[^2]) || next.Length == 0 || !char.IsLower(next[0]))
        {
            return false;
        }

        sb.Length--;
        sb.Append(next);
        return true;
    }
}
