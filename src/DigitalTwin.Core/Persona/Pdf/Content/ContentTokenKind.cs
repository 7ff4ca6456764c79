namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>What a content stream token is.</summary>
internal enum ContentTokenKind
{
    Null,
    Number,
    String,
    Name,
    Array,
    Dictionary,
    Operator,
    Boolean,
}
