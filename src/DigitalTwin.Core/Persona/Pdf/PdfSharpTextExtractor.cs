using System.Runtime.ExceptionServices;
using System.Text;
using DigitalTwin.Persona.Pdf.Parsing;
using DigitalTwin.Persona.Pdf.Security;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf;

/// <summary>
/// Extracts the text of a PDF with PDFsharp as the object parser and its own content interpreter, font decoding
/// and layout. Pages are separated by a blank line. Errors are <see cref="PdfTextExtractionException"/>s.
/// </summary>
internal sealed class PdfSharpTextExtractor : IPdfTextExtractor
{
    private const int WorkerStackBytes = 64 * 1024 * 1024;
    private readonly PdfExtractionOptions _options;

    /// <summary>Creates an extractor with the default limits.</summary>
    public PdfSharpTextExtractor()
        : this(PdfExtractionOptions.Default)
    {
    }

    /// <summary>Creates an extractor with custom limits and layout switches.</summary>
    public PdfSharpTextExtractor(PdfExtractionOptions options) => _options = options;

    /// <inheritdoc />
    public string ExtractText(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default) =>
        Extract(pdf, cancellationToken).Text;

    /// <summary>Extracts the text and reports how many pages were read (for measurements).</summary>
    public (string Text, int Pages) Extract(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (pdf.Length > _options.MaxInputBytes)
        {
            throw Fail(PdfTextExtractionFailure.LimitExceeded, $"The PDF is {pdf.Length} bytes; the limit is {_options.MaxInputBytes} bytes.");
        }

        byte[] data = pdf.ToArray();
        (string Text, int Pages) result = default;
        ExceptionDispatchInfo? error = null;
        var worker = new Thread(() =>
        {
            try
            {
                result = ExtractCore(data, cancellationToken);
            }
            catch (Exception e) when (PdfErrors.IsParserError(e))
            {
                // Anything untyped (a PDFsharp or decoding error outside a page) becomes a typed error.
                error = ExceptionDispatchInfo.Capture(Fail(PdfTextExtractionFailure.Malformed, $"The PDF could not be read: {e.Message}", e));
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, WorkerStackBytes) { IsBackground = true, Name = "pdf-text" };
        worker.Start();
        worker.Join();
        error?.Throw();
        return result;
    }

    private (string Text, int Pages) ExtractCore(byte[] data, CancellationToken cancellationToken)
    {
        if (data.AsSpan(0, Math.Min(data.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw Fail(PdfTextExtractionFailure.Malformed, "The file is not a PDF (no %PDF- header).");
        }

        if (StructureGuard.Check(data, _options.MaxObjectNesting) is { } refusal)
        {
            throw Fail(PdfTextExtractionFailure.LimitExceeded, refusal);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var context = new PdfExtractionContext(_options, cancellationToken);
        if (PdfDecryptor.Decrypt(data, context) is { } decrypted)
        {
            // Object streams were encrypted during the first check: check the decrypted file's structure too.
            data = decrypted;
            if (StructureGuard.Check(data, _options.MaxObjectNesting) is { } decryptedRefusal)
            {
                throw Fail(PdfTextExtractionFailure.LimitExceeded, decryptedRefusal);
            }
        }

        PdfDocument document = PdfDocumentLoader.Open(data, context);
        cancellationToken.ThrowIfCancellationRequested();
        string text = ReadPages(document, context, out int pages);
        if (text.Trim().Length == 0)
        {
            throw context.LimitHit is { } limit
                ? Fail(PdfTextExtractionFailure.LimitExceeded, $"No text could be read within the safety limits ({limit}).")
                : Fail(PdfTextExtractionFailure.NoText, "The PDF has no text layer (it may be a scanned image); export it again with text or use OCR.");
        }

        return (text, pages);
    }

    private static string ReadPages(PdfDocument document, PdfExtractionContext context, out int pages)
    {
        var sb = new StringBuilder();
        var reader = new PdfPageReader(context);
        pages = 0;
        int count;
        try
        {
            count = Math.Min(document.PageCount, context.Options.MaxPages);
        }
        catch (Exception e) when (PdfErrors.IsParserError(e))
        {
            throw Fail(PdfTextExtractionFailure.Malformed, $"The PDF's page tree cannot be read: {e.Message}", e);
        }

        for (int i = 0; i < count && !context.Exhausted; i++)
        {
            context.CheckTime();
            string pageText;
            try
            {
                pageText = reader.Read(document.Pages[i]);
            }
            catch (Exception e) when (PdfErrors.IsParserError(e))
            {
                context.NoteLimit($"page {i + 1} is damaged: {e.Message}");
                continue;
            }

            pages++;
            if (sb.Length > 0 && pageText.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(pageText);
            if (sb.Length > context.Options.MaxOutputChars)
            {
                sb.Length = context.Options.MaxOutputChars;
                context.Stop("the text exceeds the output size limit");
            }
        }

        return sb.ToString();
    }

    private static PdfTextExtractionException Fail(PdfTextExtractionFailure failure, string message, Exception? inner = null) =>
        inner is null
            ? new PdfTextExtractionException(message) { Failure = failure }
            : new PdfTextExtractionException(message, inner) { Failure = failure };
}
