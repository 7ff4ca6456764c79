using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>The glyphs on one baseline, in content order (sorted by position for right-to-left lines).</summary>
internal sealed class TextLine
{
    public TextLine(TextGlyph first)
    {
        First = first;
        Last = first;
        Size = first.Size;
        Glyphs.Add(first);
        HasRightToLeft = BidiReorder.IsRightToLeft(first.Text);
    }

    public List<TextGlyph> Glyphs { get; } = [];

    public TextGlyph First { get; private set; }

    public TextGlyph Last { get; private set; }

    public double Size { get; private set; }

    public bool HasRightToLeft { get; private set; }

    public double DirX => First.DirX;

    public double DirY => First.DirY;

    public void Add(TextGlyph glyph)
    {
        Glyphs.Add(glyph);
        Last = glyph;
        Size = Math.Max(Size, glyph.Size);
        HasRightToLeft |= BidiReorder.IsRightToLeft(glyph.Text);
    }

    /// <summary>Distance of a point from this line's baseline (positive: above it, in reading direction).</summary>
    public double Offset(double x, double y) => ((x - First.X) * -DirY) + ((y - First.Y) * DirX);

    /// <summary>Distance along the baseline from this line's end to a point.</summary>
    public double Gap(double x, double y) => ((x - Last.EndX) * DirX) + ((y - Last.EndY) * DirY);

    /// <summary>Letter spacing wider than this many font sizes separates the letters (as pdftotext reads "H e l l o").</summary>
    private const double MaxTracking = 0.25;

    /// <summary>
    /// The typical gap between neighbouring glyphs of the line (the median, never negative): letter-spaced text
    /// (CSS letter-spacing, tracked headings) has every glyph apart, so only gaps beyond that spacing are word breaks;
    /// spacing of a quarter em or more is read as separate letters.
    /// </summary>
    private double Tracking(List<TextGlyph> glyphs)
    {
        var gaps = new List<double>(glyphs.Count);
        for (int i = 1; i < glyphs.Count; i++)
        {
            if (!glyphs[i].IsWhitespace && !glyphs[i - 1].IsWhitespace)
            {
                gaps.Add(((glyphs[i].X - glyphs[i - 1].EndX) * DirX) + ((glyphs[i].Y - glyphs[i - 1].EndY) * DirY));
            }
        }

        if (gaps.Count < 3)
        {
            return 0;
        }

        gaps.Sort();
        double median = gaps[gaps.Count / 2];
        return median > 0 && median < MaxTracking * Size ? median : 0;
    }

    /// <summary>The line's text: words split at whitespace glyphs and at gaps wider than <paramref name="wordGap"/> sizes.</summary>
    public string BuildText(double wordGap)
    {
        List<TextGlyph> glyphs = Glyphs;
        if (HasRightToLeft)
        {
            double dx = DirX, dy = DirY;
            // Right-to-left producers place space glyphs loosely; after sorting, geometry alone decides word breaks.
            glyphs = [.. Glyphs.Where(g => !g.IsWhitespace).OrderBy(g => (g.X * dx) + (g.Y * dy))];
        }

        double tracking = Tracking(glyphs);
        var sb = new StringBuilder();
        TextGlyph? previous = null;
        bool pendingSpace = false;
        foreach (TextGlyph glyph in glyphs)
        {
            if (glyph.IsWhitespace)
            {
                pendingSpace = sb.Length > 0;
                previous = glyph;
                continue;
            }

            if (previous is { } p && sb.Length > 0 && !pendingSpace)
            {
                double gap = ((glyph.X - p.EndX) * DirX) + ((glyph.Y - p.EndY) * DirY);
                pendingSpace = gap > (wordGap * Math.Min(p.Size, glyph.Size)) + tracking;
            }

            if (pendingSpace && sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            Ligatures.Append(sb, glyph.Text);
            previous = glyph;
        }

        string text = sb.ToString().Trim();
        return HasRightToLeft ? BidiReorder.ToLogical(text) : text;
    }
}
