namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// One shown glyph (or a whole /ActualText replacement) in device space: its text, the origin on the baseline,
/// the end of its advance, its size and the unit direction of its baseline.
/// </summary>
internal readonly record struct TextGlyph(string Text, double X, double Y, double EndX, double EndY, double Size, double DirX, double DirY)
{
    /// <summary>Whether the glyph is only whitespace (a word break, not text).</summary>
    public bool IsWhitespace => string.IsNullOrWhiteSpace(Text);
}
