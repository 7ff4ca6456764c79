using System.Text;

namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>
/// Joins a web address or e-mail address that wraps onto the next line (LinkedIn exports wrap
/// "linkedin.com/in/first-" + "last-1a2b3c"), keeping its hyphen. Only applies when the line ends inside such
/// an address (it has "/", "www." or "@") with "-", "/", "." or "_" and the next line continues in lower case.
/// </summary>
internal static class UrlContinuation
{
    public static bool TryJoin(StringBuilder sb, string next)
    {
        if (sb.Length < 2 || next.Length == 0 || sb[^1] is not ('-' or '/' or '.' or '_') ||
            !(char.IsAsciiLetterLower(next[0]) || char.IsAsciiDigit(next[0])))
        {
            return false;
        }

        int start = sb.Length - 1;
        while (start > 0 && !char.IsWhiteSpace(sb[start - 1]))
        {
            start--;
        }

        string token = sb.ToString(start, sb.Length - start);
        bool address = token.Contains('/', StringComparison.Ordinal) || token.Contains('@', StringComparison.Ordinal) ||
                       token.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        if (!address || next.Split(' ', 2)[0].Any(c => c > 127))
        {
            return false;
        }

        sb.Append(next);
        return true;
    }
}
