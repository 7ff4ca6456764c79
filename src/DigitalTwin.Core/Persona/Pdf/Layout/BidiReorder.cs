using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// Turns a line containing right-to-left script (Hebrew, Arabic), which PDFs draw in visual order, into logical
/// order, the way poppler's pdftotext does: the line is read from right to left; right-to-left characters and
/// lone spaces are emitted one by one, while each run of other characters (Latin words, numbers, punctuation)
/// keeps its visual order inside left-to-right embedding marks (U+202A … U+202C). The whole line is wrapped in a
/// right-to-left embedding (U+202B … U+202C) so it also displays correctly. Brackets are not mirrored.
/// </summary>
internal static class BidiReorder
{
    private const char RightToLeftEmbedding = '\u202B';
    private const char LeftToRightEmbedding = '\u202A';
    private const char PopDirectionalFormatting = '\u202C';

    /// <summary>Whether a text has right-to-left characters.</summary>
    public static bool IsRightToLeft(string text) => text.Any(IsRightToLeft);

    public static string ToLogical(string line)
    {
        if (!IsRightToLeft(line))
        {
            return line;
        }

        var sb = new StringBuilder(line.Length + 8);
        sb.Append(RightToLeftEmbedding);
        int i = line.Length - 1;
        while (i >= 0)
        {
            if (IsRightToLeft(line[i]))
            {
                sb.Append(line[i--]);
                continue;
            }

            int end = i;
            while (i >= 0 && !IsRightToLeft(line[i]))
            {
                i--;
            }

            ReadOnlySpan<char> run = line.AsSpan(i + 1, end - i);
            if (run.IsWhiteSpace())
            {
                sb.Append(run);
            }
            else
            {
                sb.Append(LeftToRightEmbedding).Append(run).Append(PopDirectionalFormatting);
            }
        }

        return sb.Append(PopDirectionalFormatting).ToString();
    }

    private static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');
}
