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
            string text = line.BuildText(WordGap);
            if (text.Length == 0)
            {
                continue;
            }

            if (previous is not null)
            {
                bool paragraph = IsParagraphBreak(previous, line);
                if (!paragraph && (UrlContinuation.TryJoin(sb, text) || (options.Dehyphenate && Dehyphenation.TryJoin(sb, text))))
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
            if (current is not null && SameLine(current, glyph))
            {
                current.Add(glyph);
                continue;
            }

            current = new TextLine(glyph);
            lines.Add(current);
        }

        return lines;
    }

    private static bool SameLine(TextLine line, TextGlyph glyph)
    {
        double gap = line.Gap(glyph.X, glyph.Y);
        double size = Math.Max(line.Size, glyph.Size);
        if ((line.DirX * glyph.DirX) + (line.DirY * glyph.DirY) < 0.95)
        {
            return false;
        }

        double offset = Math.Abs(((glyph.X - line.Last.X) * -line.DirY) + ((glyph.Y - line.Last.Y) * line.DirX));
        bool backwardsAllowed = line.HasRightToLeft || BidiReorder.IsRightToLeft(glyph.Text);
        return offset < 0.5 * size && (gap > -0.6 * size || backwardsAllowed) && gap < ColumnGap * size;
    }
}
