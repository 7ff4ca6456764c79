using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Opens a PDF with PDFsharp (import mode); encrypted files arrive here already decrypted by
/// <see cref="Security.PdfDecryptor"/>. A file PDFsharp still asks a password for gives
/// <see cref="PdfTextExtractionFailure.PasswordProtected"/>; files PDFsharp cannot open are
/// retried once with a rebuilt cross-reference table, then reported as <see cref="PdfTextExtractionFailure.Malformed"/>.
/// </summary>
internal static class PdfDocumentLoader
{
    public static PdfDocument Open(byte[] data)
    {
        Exception? firstError;
        try
        {
            return OpenOnce(data);
        }
        catch (Exception e) when (PdfErrors.IsParserError(e))
        {
            firstError = e;
        }

        if (XrefRepair.Repair(data) is { } repaired)
        {
            try
            {
                return OpenOnce(repaired);
            }
            catch (Exception e) when (PdfErrors.IsParserError(e))
            {
                firstError = e;
            }
        }

        throw new PdfTextExtractionException($"The file is not a readable PDF: {firstError.Message}", firstError)
        {
            Failure = PdfTextExtractionFailure.Malformed,
        };
    }

    private static PdfDocument OpenOnce(byte[] data)
    {
        bool passwordRequested = false;
        using var stream = new MemoryStream(data, writable: false);
        PdfDocument document = PdfReader.Open(Rewind(stream), PdfDocumentOpenMode.Import, args =>
        {
            passwordRequested = true;
            args.Abort = true;
        });
        if (passwordRequested)
        {
            throw PasswordError(null);
        }

        return document;
    }

    private static MemoryStream Rewind(MemoryStream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static PdfTextExtractionException PasswordError(Exception? inner)
    {
        const string Message = "The PDF is encrypted and needs a password to open. Save it again without a password (or print it to a new PDF) and retry.";
        return inner is null
            ? new PdfTextExtractionException(Message) { Failure = PdfTextExtractionFailure.PasswordProtected }
            : new PdfTextExtractionException(Message, inner) { Failure = PdfTextExtractionFailure.PasswordProtected };
    }
}
