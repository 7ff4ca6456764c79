using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace DigitalTwin.PdfScore;

/// <summary>The peer extractor: PdfPig 0.1.16 with its ContentOrderTextExtractor, pages joined as ours are.</summary>
internal static class PdfPigPeer
{
    /// <summary>The text and page count, or the error message when PdfPig cannot read the file.</summary>
    public static (string? Text, int Pages, string? Error) Extract(byte[] pdf)
    {
        try
        {
            using PdfDocument document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true });
            var text = new StringBuilder();
            int pages = 0;
            foreach (var page in document.GetPages())
            {
                string pageText = ContentOrderTextExtractor.GetText(page);
                if (text.Length > 0 && pageText.Length > 0)
                {
                    text.Append("\n\n");
                }

                text.Append(pageText);
                pages++;
            }

            return (text.ToString(), pages, null);
        }
#pragma warning disable CA1031 // Any PdfPig failure is a score of zero for the peer, reported with its message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, 0, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
