namespace DigitalTwin.Persona.Pdf;

/// <summary>
/// Turns the bytes of a PDF file into plain text for the persona prompt.
/// Implementations throw <see cref="PdfTextExtractionException"/> for files they cannot read.
/// </summary>
internal interface IPdfTextExtractor
{
    /// <summary>Extracts the text of every page, pages separated by a blank line.</summary>
    /// <param name="pdf">The whole PDF file.</param>
    /// <param name="cancellationToken">Stops a long extraction.</param>
    string ExtractText(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default);
}
