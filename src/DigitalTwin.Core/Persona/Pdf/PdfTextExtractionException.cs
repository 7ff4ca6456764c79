namespace DigitalTwin.Persona.Pdf;

/// <summary>
/// A PDF could not be turned into text: it is malformed, encrypted with a password, or exceeds the extraction limits.
/// The persona loader logs it as a warning and starts the twin without the PDF text.
/// </summary>
public sealed class PdfTextExtractionException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public PdfTextExtractionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public PdfTextExtractionException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public PdfTextExtractionException() : base("The PDF could not be read.") { }

    /// <summary>Why extraction failed, for callers that treat the cases differently.</summary>
    public PdfTextExtractionFailure Failure { get; init; } = PdfTextExtractionFailure.Malformed;
}
