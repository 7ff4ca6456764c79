namespace DigitalTwin.SharedReplay;

/// <summary>A request as the SigV4 suites write it: request line, header lines (folded lines joined), blank line, body.</summary>
internal sealed record RawRequest(string Method, string Path, string Query, List<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static RawRequest Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = new List<KeyValuePair<string, string>>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (char.IsWhiteSpace(lines[i][0]) && headers.Count > 0)
            {
                headers[^1] = KeyValuePair.Create(headers[^1].Key, headers[^1].Value + " " + lines[i].Trim());
                continue;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add(KeyValuePair.Create(lines[i][..colon], lines[i][(colon + 1)..]));
        }

        var question = target.IndexOf('?', StringComparison.Ordinal);
        return new RawRequest(
            method,
            question >= 0 ? target[..question] : target,
            question >= 0 ? target[(question + 1)..] : string.Empty,
            headers,
            Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(i + 1))));
    }

    public bool HasHeader(string name) => Headers.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
