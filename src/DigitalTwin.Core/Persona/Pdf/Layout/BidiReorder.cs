using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// Turns a line of right-to-left script (Hebrew, Arabic), which PDFs draw in visual order, into logical order:
/// word order reversed, characters of right-to-left words reversed; numbers and Latin words keep their order.
/// </summary>
internal static class BidiReorder
{
    public static string ToLogical(string line)
    {
        if (!IsRightToLeft(line))
        {
            return line;
        }

        string[] words = line.Split(' ');
        Array.Reverse(words);
        var sb = new StringBuilder(line.Length);
        foreach (string word in words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (word.Any(IsRightToLeft))
            {
                for (int i = word.Length - 1; i >= 0; i--)
                {
                    sb.Append(word[i]);
                }
            }
            else
            {
                sb.Append(word);
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether a text has right-to-left characters.</summary>
    public static bool IsRightToLeft(string text) => text.Any(IsRightToLeft);

    private static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');
}
