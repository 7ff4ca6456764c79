namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>One operand or operator of a content stream.</summary>
internal readonly record struct ContentToken(
    ContentTokenKind Kind,
    double Number = 0,
    string? Text = null,
    byte[]? Bytes = null,
    List<ContentToken>? Items = null,
    Dictionary<string, ContentToken>? Entries = null)
{
    public static ContentToken FromNumber(double value) => new(ContentTokenKind.Number, value);

    public static ContentToken FromString(byte[] bytes) => new(ContentTokenKind.String, Bytes: bytes);

    public static ContentToken FromName(string name) => new(ContentTokenKind.Name, Text: name);

    public static ContentToken FromOperator(string op) => new(ContentTokenKind.Operator, Text: op);

    /// <summary>The number, or 0 for other kinds (lenient like viewers).</summary>
    public double AsNumber => Kind == ContentTokenKind.Number && double.IsFinite(Number) ? Number : 0;
}
