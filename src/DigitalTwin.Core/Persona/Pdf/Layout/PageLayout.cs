using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// Turns a page's glyphs (in content order) into text: words from glyph gaps and spaces, lines from baseline
/// changes, blank lines at paragraph gaps and column jumps. Content order is kept, which is the reading order
/// of one- and two-column résumés as their producers write them (sidebar, then main column).
/// </summary>
internal static class PageLayout
{
    /// <summary>A gap wider than this many font sizes between glyphs is a word break.</summary>
    public const double WordGap = 0.12;

    /// <summary>A gap wider than this many font sizes on one baseline starts a new line (table cells, columns).</summary>
    public const double ColumnGap = 5.0;

    public static string Build(IReadOnlyList<TextGlyph> glyphs, PdfExtractionOptions options)
    {
        List<TextLine> lines = BuildLines(OverprintFilter.RemoveDuplicates(glyphs));
        var sb = new StringBuilder();
        TextLine? previous = null;
        foreach (TextLine line in lines)
        {
            string text = BidiReorder.ToLogical(line.Text.ToString().Trim());
            if (text.Length == 0)
            {
                continue;
            }

            if (previous is not null)
            {
                bool paragraph = IsParagraphBreak(previous, line);
                if (options.Dehyphenate && !paragraph && Dehyphenation.TryJoin(sb, text))
                {
                    previous = line;
                    continue;
                }

                sb.Append(paragraph ? "\n\n" : "\n");
            }

            sb.Append(text);
            previous = line;
        }

        return sb.ToString();
    }

    private static bool IsParagraphBreak(TextLine previous, TextLine line)
    {
        bool sameDirection = (previous.DirX * line.DirX) + (previous.DirY * line.DirY) > 0.95;
        if (!sameDirection)
        {
            return true;
        }

        double drop = previous.Offset(line.First.X, line.First.Y) * -1;
        double size = Math.Max(previous.Size, line.Size);
        return drop < -0.5 * size || drop > 1.75 * size;
    }

    private static List<TextLine> BuildLines(IReadOnlyList<TextGlyph> glyphs)
    {
        var lines = new List<TextLine>();
        TextLine? current = null;
        foreach (TextGlyph glyph in glyphs)
        {
            if (current is not null && SameLine(current, glyph, out double gap))
            {
                if (glyph.IsWhitespace)
                {
                    current.PendingSpace = current.Text.Length > 0;
                    current.Last = glyph;
                    continue;
                }

                if (current.PendingSpace || gap > WordGap * Math.Min(current.Size, glyph.Size))
                {
                    current.Text.Append(' ');
                }

                current.PendingSpace = false;
                Ligatures.Append(current.Text, glyph.Text);
                current.Last = glyph;
                current.Size = Math.Max(current.Size, glyph.Size);
                continue;
            }

            current = new TextLine(glyph);
            lines.Add(current);
            if (!glyph.IsWhitespace)
            {
                Ligatures.Append(current.Text, glyph.Text);
            }
        }

        return lines;
    }

    private static bool SameLine(TextLine line, TextGlyph glyph, out double gap)
    {
        gap = line.Gap(glyph.X, glyph.Y);
        double size = Math.Max(line.Size, glyph.Size);
        if ((line.DirX * glyph.DirX) + (line.DirY * glyph.DirY) < 0.95)
        {
            return false;
        }

        double offset = Math.Abs(((glyph.X - line.Last.X) * -line.DirY) + ((glyph.Y - line.Last.Y) * line.DirX));
        return offset < 0.5 * size && gap > -0.6 * size && gap < ColumnGap * size;
    }
}
