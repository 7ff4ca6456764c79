using DigitalTwin.Persona.Pdf.Fonts;
using DigitalTwin.Persona.Pdf.Layout;
using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>
/// Interprets content streams for text: graphics and text state, text showing operators, Form XObjects
/// (recursively, depth-limited, loop-safe), inline images (skipped) and marked content with /ActualText.
/// </summary>
internal sealed class ContentInterpreter
{
    private const int MaxStateDepth = 512;
    private readonly PdfExtractionContext _context;
    private readonly PdfFontLoader _fonts;
    private readonly TextShower _shower;
    private readonly HashSet<PdfDictionary> _activeForms = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<GraphicsState> _stack = new();
    private GraphicsState _state = new();

    public ContentInterpreter(PdfExtractionContext context, PdfFontLoader fonts, List<TextGlyph> output)
    {
        _context = context;
        _fonts = fonts;
        _shower = new TextShower(output, context);
    }

    /// <summary>Runs a page's content with its resources under the given base transformation.</summary>
    public void RunPage(byte[] content, PdfDictionary? resources, Matrix baseCtm)
    {
        _state = new GraphicsState { Ctm = baseCtm };
        _stack.Clear();
        Run(content, resources, 0);
        _shower.FlushActualText(_state);
    }

    private void Run(byte[] content, PdfDictionary? resources, int depth)
    {
        var lexer = new ContentLexer(content);
        var operands = new List<ContentToken>(8);
        int stackBase = _stack.Count;
        while (!_context.Exhausted && lexer.TryRead(out ContentToken token))
        {
            if (token.Kind != ContentTokenKind.Operator)
            {
                if (operands.Count < 64)
                {
                    operands.Add(token);
                }

                continue;
            }

            _context.CountOperator(ContentOperators.IsKnown(token.Text!));
            if (token.Text == "BI")
            {
                while (lexer.TryRead(out ContentToken t) && !(t.Kind == ContentTokenKind.Operator && t.Text == "ID"))
                {
                }

                lexer.SkipInlineImageData();
            }
            else
            {
                Execute(token.Text!, operands, resources, depth);
            }

            operands.Clear();
        }

        while (_stack.Count > stackBase)
        {
            _state = _stack.Pop();
        }
    }

    private void Execute(string op, List<ContentToken> args, PdfDictionary? resources, int depth)
    {
        double N(int i) => i < args.Count ? args[i].AsNumber : 0;
        switch (op)
        {
            case "q" when _stack.Count < MaxStateDepth: _stack.Push(_state.Clone()); break;
            case "Q" when _stack.Count > 0: _state = _stack.Pop(); break;
            case "cm" when args.Count >= 6:
                var m = new Matrix(N(0), N(1), N(2), N(3), N(4), N(5));
                if (m.IsFinite)
                {
                    _state.Ctm = m.Multiply(_state.Ctm);
                }

                break;
            case "BT": _shower.BeginText(); break;
            case "Tf":
                _state.FontSize = N(1);
                if (args.Count > 0 && args[0].Kind == ContentTokenKind.Name)
                {
                    PdfDictionary? font = PdfObjects.GetDictionary(PdfObjects.GetDictionary(resources, "/Font"), "/" + args[0].Text);
                    _state.Font = font is null ? SimpleFontBuilder.Fallback() : _fonts.Load(font);
                }

                break;
            case "Td": _shower.MoveLine(N(0), N(1)); break;
            case "TD": _state.Leading = -N(1); _shower.MoveLine(N(0), N(1)); break;
            case "Tm" when args.Count >= 6: _shower.SetMatrix(new Matrix(N(0), N(1), N(2), N(3), N(4), N(5))); break;
            case "T*": _shower.MoveLine(0, -_state.Leading); break;
            case "TL": _state.Leading = N(0); break;
            case "Tc": _state.CharSpacing = N(0); break;
            case "Tw": _state.WordSpacing = N(0); break;
            case "Tz": _state.HorizontalScaling = N(0) / 100; break;
            case "Ts": _state.Rise = N(0); break;
            case "Tj" when args.Count > 0: _shower.Show(args[0], _state); break;
            case "'" when args.Count > 0: _shower.MoveLine(0, -_state.Leading); _shower.Show(args[0], _state); break;
            case "\"" when args.Count > 2:
                _state.WordSpacing = N(0);
                _state.CharSpacing = N(1);
                _shower.MoveLine(0, -_state.Leading);
                _shower.Show(args[2], _state);
                break;
            case "TJ" when args.Count > 0 && args[0].Kind == ContentTokenKind.Array: _shower.ShowArray(args[0].Items!, _state); break;
            case "BDC" or "BMC": _shower.BeginMarkedContent(ActualText(args, resources)); break;
            case "EMC": _shower.EndMarkedContent(_state); break;
            case "Do" when args.Count > 0 && args[0].Kind == ContentTokenKind.Name: DrawXObject(args[0].Text!, resources, depth); break;
        }
    }

    private static string? ActualText(List<ContentToken> args, PdfDictionary? resources)
    {
        if (args.Count < 2)
        {
            return null;
        }

        ContentToken properties = args[1];
        if (properties.Kind == ContentTokenKind.Dictionary)
        {
            return properties.Entries!.TryGetValue("ActualText", out ContentToken text) && text.Kind == ContentTokenKind.String
                ? PdfTextStrings.Decode(text.Bytes!)
                : null;
        }

        if (properties.Kind == ContentTokenKind.Name &&
            PdfObjects.GetDictionary(PdfObjects.GetDictionary(resources, "/Properties"), "/" + properties.Text) is { } named &&
            PdfObjects.Get(named, "/ActualText") is PdfString s)
        {
            return s.Value;
        }

        return null;
    }

    private void DrawXObject(string name, PdfDictionary? resources, int depth)
    {
        if (PdfObjects.GetDictionary(PdfObjects.GetDictionary(resources, "/XObject"), "/" + name) is not { } form ||
            PdfObjects.GetName(form, "/Subtype") != "Form")
        {
            return;
        }

        if (depth >= _context.Options.MaxXObjectDepth || !_activeForms.Add(form))
        {
            _context.NoteLimit("Form XObjects nested too deeply or in a loop");
            return;
        }

        int stackDepth = _stack.Count;
        GraphicsState saved = _state.Clone();
        _shower.SaveTextState();
        try
        {
            if (StreamDecoder.Decode(form, _context) is { } content)
            {
                var numbers = PdfObjects.Items(PdfObjects.GetArray(form, "/Matrix")).Select(PdfObjects.AsNumber).ToArray();
                Matrix matrix = numbers.Length == 6 && numbers.All(n => n.HasValue)
                    ? new Matrix(numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value, numbers[4]!.Value, numbers[5]!.Value)
                    : Matrix.Identity;
                _state.Ctm = matrix.IsFinite ? matrix.Multiply(_state.Ctm) : _state.Ctm;
                Run(content, PdfObjects.GetDictionary(form, "/Resources") ?? resources, depth + 1);
            }
        }
        catch (Exception e) when (PdfErrors.IsParserError(e))
        {
            _context.NoteLimit($"a Form XObject is damaged: {e.Message}");
        }
        finally
        {
            // The form's graphics and text state never leak into the page, even when the form is damaged.
            while (_stack.Count > stackDepth)
            {
                _stack.Pop();
            }

            _state = saved;
            _shower.RestoreTextState();
            _activeForms.Remove(form);
        }
    }
}
