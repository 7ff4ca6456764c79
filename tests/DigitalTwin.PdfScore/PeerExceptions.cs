namespace DigitalTwin.PdfScore;

/// <summary>
/// Files where our F1 may stay more than the allowed margin below PdfPig's, each with its reason, read from
/// peer-exceptions.tsv ("file name TAB reason"; lines starting with # are comments).
/// </summary>
internal static class PeerExceptions
{
    public static Dictionary<string, string> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "peer-exceptions.tsv");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Split('\t', 2) is not [{ Length: > 0 } name, { Length: > 0 } reason])
            {
                continue;
            }

            result[name] = reason;
        }

        return result;
    }
}
