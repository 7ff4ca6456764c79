using System.Collections.Frozen;

namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>The operator names of PDF content streams (to tell real content from undecryptable noise).</summary>
internal static class ContentOperators
{
    private static readonly FrozenSet<string> All = new[]
    {
        "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1", "Do", "DP",
        "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J", "K", "k", "l", "m", "M",
        "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn", "sh", "T*", "Tc", "Td",
        "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y", "'", "\"",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string op) => All.Contains(op);
}
