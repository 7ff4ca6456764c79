namespace DigitalTwin.Persona.Pdf.Layout;

/// <summary>Drops glyphs drawn again at (almost) the same place with the same text: fake bold and shadows.</summary>
internal static class OverprintFilter
{
    public static List<TextGlyph> RemoveDuplicates(IReadOnlyList<TextGlyph> glyphs)
    {
        var seen = new Dictionary<(string, long, long), List<TextGlyph>>();
        var result = new List<TextGlyph>(glyphs.Count);
        foreach (TextGlyph g in glyphs)
        {
            if (g.IsWhitespace)
            {
                result.Add(g);
                continue;
            }

            double cell = Math.Max(1, g.Size);
            long cx = (long)Math.Floor(g.X / cell), cy = (long)Math.Floor(g.Y / cell);
            if (IsDuplicate(seen, g, cx, cy, 0.2 * g.Size))
            {
                continue;
            }

            var key = (g.Text, cx, cy);
            if (!seen.TryGetValue(key, out List<TextGlyph>? bucket))
            {
                seen[key] = bucket = [];
            }

            bucket.Add(g);
            result.Add(g);
        }

        return result;
    }

    private static bool IsDuplicate(Dictionary<(string, long, long), List<TextGlyph>> seen, TextGlyph g, long cx, long cy, double tolerance)
    {
        for (long dx = -1; dx <= 1; dx++)
        {
            for (long dy = -1; dy <= 1; dy++)
            {
                if (seen.TryGetValue((g.Text, cx + dx, cy + dy), out List<TextGlyph>? bucket) &&
                    bucket.Exists(o => Math.Abs(o.X - g.X) < tolerance && Math.Abs(o.Y - g.Y) < tolerance))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
