namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>
/// The next occurrence of a word at or after a position, remembering the last answer: scans that move forward
/// through a file (one search per object header) stay linear even when the word never comes again.
/// </summary>
internal sealed class NextOccurrence(string text, string word)
{
    private int _from = int.MaxValue;
    private int _found = -1;

    public int From(int start)
    {
        // The last search from _from found the first occurrence at or after it (or none): that answer holds for
        // every start between _from and that occurrence.
        if (start >= _from && (_found < 0 || start <= _found))
        {
            return _found;
        }

        _from = start;
        _found = text.IndexOf(word, start, StringComparison.Ordinal);
        return _found;
    }
}
