using DigitalTwin.Persona.Pdf.Layout;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>Marked content with /ActualText: its replacement text and the glyphs it covers.</summary>
internal sealed class ActualTextSpan
{
    public ActualTextSpan(string text) => Text = text;

    public string Text { get; }

    public TextGlyph? First { get; private set; }

    public TextGlyph? Last { get; private set; }

    public void Cover(TextGlyph glyph)
    {
        First ??= glyph;
        Last = glyph;
    }
}
