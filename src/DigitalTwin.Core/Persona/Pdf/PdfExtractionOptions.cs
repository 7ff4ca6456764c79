namespace DigitalTwin.Persona.Pdf;

/// <summary>Safety limits and layout switches for <see cref="PdfSharpTextExtractor"/>.</summary>
internal sealed record PdfExtractionOptions
{
    /// <summary>The defaults used by the parameterless extractor.</summary>
    public static PdfExtractionOptions Default { get; } = new();

    /// <summary>Largest accepted input file (50 MB).</summary>
    public int MaxInputBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>Largest decoded size of one stream (content, form, CMap); larger streams are cut off.</summary>
    public int MaxDecodedStreamBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Largest decoded size of all streams of one document together.</summary>
    public long MaxTotalDecodedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most content operators interpreted in one document.</summary>
    public long MaxOperators { get; init; } = 20_000_000;

    /// <summary>Deepest nesting of Form XObjects and Type 3 glyph procedures.</summary>
    public int MaxXObjectDepth { get; init; } = 12;

    /// <summary>Deepest nesting of arrays and dictionaries in the raw file before PDFsharp parses it.</summary>
    public int MaxObjectNesting { get; init; } = 256;

    /// <summary>Most characters of extracted text; the rest is cut off.</summary>
    public int MaxOutputChars { get; init; } = 10_000_000;

    /// <summary>Most glyphs kept for the layout of one page.</summary>
    public int MaxGlyphsPerPage { get; init; } = 500_000;

    /// <summary>Most pages read; later pages are ignored.</summary>
    public int MaxPages { get; init; } = 2_000;

    /// <summary>Wall-clock budget for one extraction; on expiry the text read so far is returned.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Joins words split by a hyphen at the end of a line ("manage-\nment" → "management"). Off by default.</summary>
    public bool Dehyphenate { get; init; }
}
