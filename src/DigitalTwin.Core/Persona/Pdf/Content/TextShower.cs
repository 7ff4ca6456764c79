using DigitalTwin.Persona.Pdf.Fonts;
using DigitalTwin.Persona.Pdf.Layout;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>
/// Shows strings: splits them into codes with the current font, maps codes to Unicode, places each glyph in
/// device space and advances the text matrix. Inside marked content with /ActualText the replacement text
/// is emitted once instead of the glyphs.
/// </summary>
internal sealed class TextShower
{
    private readonly List<TextGlyph> _output;
    private readonly PdfExtractionContext _context;
    private readonly Stack<ActualTextSpan?> _marked = new();
    private readonly Stack<(Matrix Tm, Matrix Tlm)> _saved = new();
    private Matrix _tm = Matrix.Identity;
    private Matrix _tlm = Matrix.Identity;

    public TextShower(List<TextGlyph> output, PdfExtractionContext context)
    {
        _output = output;
        _context = context;
    }

    public void BeginText() => _tm = _tlm = Matrix.Identity;

    public void MoveLine(double tx, double ty) => _tm = _tlm = Matrix.Translation(tx, ty).Multiply(_tlm);

    public void SetMatrix(Matrix m)
    {
        if (m.IsFinite)
        {
            _tm = _tlm = m;
        }
    }

    public void SaveTextState() => _saved.Push((_tm, _tlm));

    public void RestoreTextState()
    {
        if (_saved.Count > 0)
        {
            (_tm, _tlm) = _saved.Pop();
        }
    }

    public void ShowArray(List<ContentToken> items, GraphicsState state)
    {
        foreach (ContentToken item in items)
        {
            if (item.Kind == ContentTokenKind.Number)
            {
                double shift = -item.AsNumber / 1000 * state.FontSize;
                bool vertical = state.Font?.Vertical == true;
                _tm = (vertical ? Matrix.Translation(0, shift) : Matrix.Translation(shift * state.HorizontalScaling, 0)).Multiply(_tm);
            }
            else
            {
                Show(item, state);
            }
        }
    }

    public void Show(ContentToken token, GraphicsState state)
    {
        if (token.Kind != ContentTokenKind.String)
        {
            return;
        }

        PdfFont font = state.Font ??= SimpleFontBuilder.Fallback();
        byte[] bytes = token.Bytes!;
        double fs = state.FontSize, th = state.HorizontalScaling;
        int pos = 0;
        while (pos < bytes.Length)
        {
            int length = font.ReadCode(bytes, pos, out uint code);
            pos += length;
            double w0 = font.Width(length, code);
            double spacing = state.CharSpacing + (PdfFont.IsWordSpaceCode(length, code) ? state.WordSpacing : 0);
            Matrix trm = _tm.Multiply(state.Ctm);
            string? text = font.Unicode(length, code);
            if (font.Vertical)
            {
                double advance = font.VerticalAdvance * fs;
                Emit(text, trm, 0, advance, font, state);
                _tm = Matrix.Translation(0, advance + spacing).Multiply(_tm);
            }
            else
            {
                Emit(text, trm, w0 * fs * th, 0, font, state);
                _tm = Matrix.Translation(((w0 * fs) + spacing) * th, 0).Multiply(_tm);
            }
        }
    }

    private void Emit(string? text, Matrix trm, double dx, double dy, PdfFont font, GraphicsState state)
    {
        bool covered = _marked.Count > 0 && _marked.Peek() is not null;
        if ((string.IsNullOrEmpty(text) && !covered) || _output.Count >= _context.Options.MaxGlyphsPerPage)
        {
            if (_output.Count >= _context.Options.MaxGlyphsPerPage)
            {
                _context.NoteLimit("a page has too many glyphs");
            }

            return;
        }

        (double x, double y) = trm.Transform(0, state.Rise);
        (double ex, double ey) = trm.Transform(dx, state.Rise + dy);
        (double ux, double uy) = trm.TransformVector(0, state.FontSize * font.SizeFactor);
        (double bx, double by) = font.Vertical ? trm.TransformVector(0, -1) : trm.TransformVector(state.HorizontalScaling >= 0 ? 1 : -1, 0);
        double size = Math.Sqrt((ux * ux) + (uy * uy));
        double norm = Math.Sqrt((bx * bx) + (by * by));
        if (!(size > 0) || !(norm > 0) || !double.IsFinite(x + y + ex + ey))
        {
            return;
        }

        var glyph = new TextGlyph(text ?? string.Empty, x, y, ex, ey, size, bx / norm, by / norm);
        if (_marked.Count > 0 && _marked.Peek() is { } span)
        {
            span.Cover(glyph);
            return;
        }

        _output.Add(glyph);
    }

    public void BeginMarkedContent(string? actualText)
    {
        bool inside = _marked.Count > 0 && _marked.Peek() is not null;
        _marked.Push(actualText is not null && !inside ? new ActualTextSpan(actualText) : inside ? _marked.Peek() : null);
    }

    public void EndMarkedContent(GraphicsState state)
    {
        if (_marked.Count == 0)
        {
            return;
        }

        ActualTextSpan? span = _marked.Pop();
        bool stillInside = _marked.Count > 0 && ReferenceEquals(_marked.Peek(), span);
        if (span is not null && !stillInside)
        {
            EmitSpan(span, state);
        }
    }

    /// <summary>Emits an /ActualText span left open at the end of a page.</summary>
    public void FlushActualText(GraphicsState state)
    {
        ActualTextSpan? open = null;
        while (_marked.Count > 0)
        {
            open = _marked.Pop() ?? open;
        }

        if (open is not null)
        {
            EmitSpan(open, state);
        }
    }

    private void EmitSpan(ActualTextSpan span, GraphicsState state)
    {
        if (span.First is { } first && span.Last is { } last)
        {
            _output.Add(first with { Text = span.Text, EndX = last.EndX, EndY = last.EndY });
        }
        else
        {
            Matrix trm = _tm.Multiply(state.Ctm);
            Emit(span.Text, trm, 0, 0, state.Font ?? SimpleFontBuilder.Fallback(), state);
        }
    }
}
