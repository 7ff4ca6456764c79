using DigitalTwin.Persona.Pdf.Fonts;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>The parts of the graphics state that matter for text: CTM and the text state parameters.</summary>
internal sealed class GraphicsState
{
    public Matrix Ctm { get; set; } = Matrix.Identity;

    public double CharSpacing { get; set; }

    public double WordSpacing { get; set; }

    public double HorizontalScaling { get; set; } = 1;

    public double Leading { get; set; }

    public PdfFont? Font { get; set; }

    public double FontSize { get; set; } = 1;

    public double Rise { get; set; }

    public GraphicsState Clone() => (GraphicsState)MemberwiseClone();
}
