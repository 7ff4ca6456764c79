using System.Buffers;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>Reads the last valid turns of a JSON Lines file by scanning backwards from its end in blocks.</summary>
internal static class JsonLinesTail
{
    // The first block holds a usual history window (a few turns of a few hundred bytes each); later blocks double up to
    // the largest, so a long conversation costs what its window costs, and a window of big turns needs few reads.
    private const int FirstBlockSize = 8 * 1024;
    private const int MaxBlockSize = 64 * 1024;

    /// <summary>
    /// Returns up to <paramref name="maxTurns"/> of the newest complete, valid lines, oldest first. Bytes after the last
    /// newline are a torn write and are skipped, as are lines that do not parse.
    /// </summary>
    public static async Task<IReadOnlyList<ConversationTurn>> ReadAsync(FileStream file, int maxTurns, CancellationToken cancellationToken)
    {
        var newestFirst = new List<ConversationTurn>(Math.Min(maxTurns, 16));
        var end = file.Length;
        var blockSize = FirstBlockSize;
        byte[]? pending = null; // pooled; its first pendingLength bytes come before the earliest newline seen so far
        var pendingLength = 0;
        var seenNewline = false;
        try
        {
            while (end > 0 && newestFirst.Count < maxTurns)
            {
                var size = (int)Math.Min(blockSize, end);
                var combined = ArrayPool<byte>.Shared.Rent(size + pendingLength);
                file.Seek(end - size, SeekOrigin.Begin);
                await file.ReadExactlyAsync(combined.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                if (pending is not null)
                {
                    pending.AsSpan(0, pendingLength).CopyTo(combined.AsSpan(size));
                    ArrayPool<byte>.Shared.Return(pending);
                }

                var length = size + pendingLength;
                (pending, pendingLength) = (combined, length);
                end -= size;
                blockSize = Math.Min(blockSize * 2, MaxBlockSize);

                var lineEnd = length;
                for (var i = combined.AsSpan(0, length).LastIndexOf((byte)'\n'); i >= 0 && newestFirst.Count < maxTurns; i = combined.AsSpan(0, i).LastIndexOf((byte)'\n'))
                {
                    if (seenNewline)
                    {
                        Add(combined.AsSpan(i + 1, lineEnd - i - 1), newestFirst);
                    }

                    seenNewline = true;
                    lineEnd = i;
                }

                pendingLength = lineEnd;
            }

            if (end == 0 && seenNewline && newestFirst.Count < maxTurns && pending is not null)
            {
                Add(pending.AsSpan(0, pendingLength), newestFirst);
            }
        }
        finally
        {
            if (pending is not null)
            {
                ArrayPool<byte>.Shared.Return(pending);
            }
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    private static void Add(ReadOnlySpan<byte> line, List<ConversationTurn> turns)
    {
        if (!line.IsEmpty && StoredJson.TryReadTurn(line) is { } turn)
        {
            turns.Add(turn);
        }
    }
}
