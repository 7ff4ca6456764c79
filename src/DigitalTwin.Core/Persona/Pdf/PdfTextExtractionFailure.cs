namespace DigitalTwin.Persona.Pdf;

/// <summary>Why a PDF could not be turned into text.</summary>
public enum PdfTextExtractionFailure
{
    /// <summary>The file is not a readable PDF (damaged, truncated or not a PDF at all).</summary>
    Malformed,

    /// <summary>The file is encrypted and needs a password that was not given.</summary>
    PasswordProtected,

    /// <summary>The file exceeds a safety limit (size, nesting, decompressed size or time).</summary>
    LimitExceeded,

    /// <summary>The file has no text layer (for example a scanned image).</summary>
    NoText,
}
