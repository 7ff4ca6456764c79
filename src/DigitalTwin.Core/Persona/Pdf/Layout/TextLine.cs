using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>A run of glyphs on one baseline, built in content order.</summary>
internal sealed class TextLine
{
    public TextLine(TextGlyph first)
    {
        First = first;
        Last = first;
        Size = first.Size;
    }

    public StringBuilder Text { get; } = new();

    public TextGlyph First { get; }

    public TextGlyph Last { get; set; }

    public double Size { get; set; }

    public bool PendingSpace { get; set; }

    public double DirX => First.DirX;

    public double DirY => First.DirY;

    /// <summary>Distance of a point from this line's baseline (positive: above it, in reading direction).</summary>
    public double Offset(double x, double y) => ((x - First.X) * -DirY) + ((y - First.Y) * DirX);

    /// <summary>Distance along the baseline from this line's end to a point.</summary>
    public double Gap(double x, double y) => ((x - Last.EndX) * DirX) + ((y - Last.EndY) * DirY);
}
