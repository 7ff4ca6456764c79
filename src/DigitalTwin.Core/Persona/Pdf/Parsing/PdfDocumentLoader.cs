using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// Opens a PDF with PDFsharp (import mode); encrypted files arrive here already decrypted by
/// <see cref="Security.PdfDecryptor"/>. A file PDFsharp still asks a password for gives
/// <see cref="PdfTextExtractionFailure.PasswordProtected"/>; files PDFsharp cannot open are
/// retried with a rebuilt cross-reference table, then with all objects (object streams unpacked) written again, then reported as <see cref="PdfTextExtractionFailure.Malformed"/>.
/// </summary>
internal static partial class PdfDocumentLoader
{
    public static PdfDocument Open(byte[] data, PdfExtractionContext context)
    {
        Exception? firstError;
        try
        {
            // PDFsharp allocates a stream's declared /Length before reading it: a length beyond the end of the file
            // would ask for gigabytes (or an impossible array), so such a file goes to the repair first.
            return OpenOnce(HasImpossibleLength(data) ? throw new InvalidDataException("A stream /Length exceeds the file size.") : data);
        }
        catch (Exception e) when (IsOpenError(e))
        {
            firstError = e;
        }

        // First a classic-table repair; then a rebuild that also keeps the objects inside object streams.
        foreach (Func<byte[]?> repair in new Func<byte[]?>[] { () => XrefRepair.Repair(data), () => Security.PdfDecryptor.Rebuild(data, context) })
        {
            if (repair() is not { } repaired)
            {
                continue;
            }

            try
            {
                return OpenOnce(repaired);
            }
            catch (Exception e) when (IsOpenError(e))
            {
                firstError = e;
            }
        }

        throw new PdfTextExtractionException($"The file is not a readable PDF: {firstError.Message}", firstError)
        {
            Failure = PdfTextExtractionFailure.Malformed,
        };
    }

    /// <summary>
    /// Parser errors, and the OutOfMemoryException PDFsharp meets when a damaged size field asks for an array larger
    /// than .NET allows (nothing was allocated, so the process is fine).
    /// </summary>
    private static bool IsOpenError(Exception e) => PdfErrors.IsParserError(e) || e is OutOfMemoryException;

    private static bool HasImpossibleLength(byte[] data)
    {
        string text = System.Text.Encoding.Latin1.GetString(data);
        foreach (System.Text.RegularExpressions.Match m in DirectLength().Matches(text))
        {
            if (!long.TryParse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out long length) || length > data.Length)
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)(?![\d.])", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial System.Text.RegularExpressions.Regex DirectLength();

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
