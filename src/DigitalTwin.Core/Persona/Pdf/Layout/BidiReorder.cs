using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// Turns a line containing right-to-left script (Hebrew, Arabic), which PDFs draw in visual order, into logical
/// order: the line is reversed character by character, except runs of left-to-right text (Latin words, numbers,
/// with the spaces and separators between them), which keep their order. Brackets are not mirrored (as poppler).
/// </summary>
internal static class BidiReorder
{
    /// <summary>Whether a text has right-to-left characters.</summary>
    public static bool IsRightToLeft(string text) => text.Any(IsRightToLeft);

    public static string ToLogical(string line)
    {
        if (!IsRightToLeft(line))
        {
            return line;
        }

        bool[] ltr = ClassifyLeftToRight(line);
        var sb = new StringBuilder(line.Length);
        int i = line.Length - 1;
        while (i >= 0)
        {
            if (!ltr[i])
            {
                sb.Append(line[i--]);
                continue;
            }

            int end = i;
            while (i >= 0 && ltr[i])
            {
                i--;
            }

            sb.Append(line, i + 1, end - i);
        }

        return sb.ToString();
    }

    /// <summary>Marks strong left-to-right characters (letters, digits) and the neutrals enclosed by them.</summary>
    private static bool[] ClassifyLeftToRight(string line)
    {
        var ltr = new bool[line.Length];
        for (int i = 0; i < line.Length; i++)
        {
            ltr[i] = char.IsLetterOrDigit(line[i]) && !IsRightToLeft(line[i]);
        }

        int lastStrong = -1;
        for (int i = 0; i < line.Length; i++)
        {
            if (ltr[i])
            {
                if (lastStrong >= 0 && lastStrong < i - 1 && !line.AsSpan(lastStrong + 1, i - lastStrong - 1).ContainsAnyInRange('\u0590', '\uFEFF'))
                {
                    Array.Fill(ltr, true, lastStrong + 1, i - lastStrong - 1);
                }

                lastStrong = i;
            }
            else if (IsRightToLeft(line[i]))
            {
                lastStrong = -1;
            }
        }

        return ltr;
    }

    private static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');
}
