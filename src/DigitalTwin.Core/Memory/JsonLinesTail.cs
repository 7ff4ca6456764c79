using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>Reads the last valid turns of a JSON Lines file by scanning backwards from its end in blocks.</summary>
internal static class JsonLinesTail
{
    private const int BlockSize = 64 * 1024;

    /// <summary>
    /// Returns up to <paramref name="maxTurns"/> of the newest complete, valid lines, oldest first. Bytes after the last
    /// newline are a torn write and are skipped, as are lines that do not parse.
    /// </summary>
    public static async Task<IReadOnlyList<ConversationTurn>> ReadAsync(FileStream file, int maxTurns, CancellationToken cancellationToken)
    {
        var newestFirst = new List<ConversationTurn>();
        var end = file.Length;
        var pending = Array.Empty<byte>(); // bytes before the earliest newline seen so far
        var seenNewline = false;
        while (end > 0 && newestFirst.Count < maxTurns)
        {
            var size = (int)Math.Min(BlockSize, end);
            var combined = new byte[size + pending.Length];
            file.Seek(end - size, SeekOrigin.Begin);
            await file.ReadExactlyAsync(combined.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            pending.CopyTo(combined, size);
            end -= size;

            var lineEnd = combined.Length;
            for (var i = combined.Length - 1; i >= 0 && newestFirst.Count < maxTurns; i--)
            {
                if (combined[i] != (byte)'\n')
                {
                    continue;
                }

                if (seenNewline)
                {
                    Add(combined.AsSpan(i + 1, lineEnd - i - 1), newestFirst);
                }

                seenNewline = true;
                lineEnd = i;
            }

            pending = combined[..lineEnd];
        }

        if (end == 0 && seenNewline && newestFirst.Count < maxTurns)
        {
            Add(pending, newestFirst);
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    private static void Add(ReadOnlySpan<byte> line, List<ConversationTurn> turns)
    {
        if (!line.IsEmpty && TurnSerializer.TryDeserialize(line) is { } turn)
        {
            turns.Add(turn);
        }
    }
}
