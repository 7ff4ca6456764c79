using System.Globalization;
using System.Text;

namespace DigitalTwin.PdfScore;

/// <summary>
/// Bag-of-words F1 between two texts. Normalisation: Unicode NFKC; invisible format characters (category Cf,
/// e.g. soft hyphens) removed, except the bidi marks pdftotext puts around right-to-left runs, which delimit words
/// and count as whitespace; control characters
/// (category Cc, e.g. the raw codes pdftotext prints for undecodable glyphs) treated as whitespace.
/// </summary>
internal static class WordF1
{
    public static Dictionary<string, int> Words(string text)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKC))
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format && !IsBidiControl(c))
            {
                continue;
            }

            sb.Append(category is UnicodeCategory.Control or UnicodeCategory.Format ? ' ' : c);
        }

        string normalized = sb.ToString();
        foreach (string word in normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            bag[word] = bag.GetValueOrDefault(word) + 1;
        }

        return bag;
    }

    /// <summary>Bidi embedding, override and isolate marks and LRM/RLM: they delimit runs, so they count as spaces.</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';

    public static double Score(string candidate, string reference)
    {
        Dictionary<string, int> ours = Words(candidate), theirs = Words(reference);
        int oursTotal = ours.Values.Sum(), theirsTotal = theirs.Values.Sum();
        if (oursTotal == 0 && theirsTotal == 0)
        {
            return 1;
        }

        int common = ours.Sum(pair => Math.Min(pair.Value, theirs.GetValueOrDefault(pair.Key)));
        if (common == 0)
        {
            return 0;
        }

        double precision = (double)common / oursTotal, recall = (double)common / theirsTotal;
        return 2 * precision * recall / (precision + recall);
    }
}
