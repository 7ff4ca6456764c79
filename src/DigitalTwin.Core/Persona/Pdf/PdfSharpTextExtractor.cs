using System.Text;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace DigitalTwin.Persona.Pdf;

/// <summary>Interim extractor (replaced by the full implementation of issue #7): string operands of Tj/TJ, one line per text object.</summary>
internal sealed class PdfSharpTextExtractor : IPdfTextExtractor
{
    public string ExtractText(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(pdf.ToArray(), writable: false);
            using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            var text = new StringBuilder();
            foreach (var page in document.Pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Walk(ContentReader.ReadContent(page), text);
                text.Append('\n');
            }

            return text.ToString();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PdfTextExtractionException("The PDF could not be parsed.", ex);
        }
    }

    private static void Walk(CSequence sequence, StringBuilder text)
    {
        foreach (var item in sequence)
        {
            switch (item)
            {
                case CString s: text.Append(s.Value); break;
                case COperator { OpCode.Name: "ET" }: text.Append('\n'); break;
                case COperator op: Walk(op.Operands, text); break;
                case CSequence inner: Walk(inner, text); break;
            }
        }
    }
}
