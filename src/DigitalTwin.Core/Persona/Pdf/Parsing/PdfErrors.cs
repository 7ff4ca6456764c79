namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>Which exceptions from PDFsharp (or from reading damaged data) mean "this file is unreadable".</summary>
internal static class PdfErrors
{
    /// <summary>
    /// True for everything except cancellation, our own typed errors and fatal runtime conditions:
    /// PDFsharp throws plain Exception, InvalidOperationException, NullReferenceException and more on bad input.
    /// </summary>
    public static bool IsParserError(Exception e) =>
        e is not (OperationCanceledException or PdfTextExtractionException or OutOfMemoryException or
                  InsufficientExecutionStackException or ThreadAbortException or AccessViolationException);
}
