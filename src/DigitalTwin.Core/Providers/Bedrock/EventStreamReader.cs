using System.Buffers.Binary;
using Amazon.Runtime.EventStreams;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// Reads <c>application/vnd.amazon.eventstream</c> frames from a stream, however the bytes are split across reads.
/// Checks the prelude CRC before trusting the length, then lets AWSSDK.Core's <see cref="EventStreamMessage"/> parse the
/// frame (which checks the message CRC and the headers).
/// </summary>
internal sealed class EventStreamReader(Stream stream)
{
    private const int PreludeLength = 12;
    private const int MinimumFrame = 16;
    private const int MaximumFrame = 16 * 1024 * 1024;

    /// <summary>The next frame, or <see langword="null"/> at a clean end of the stream.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid frame (bad CRC, bad lengths, truncated).</exception>
    public async ValueTask<EventStreamFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var prelude = new byte[PreludeLength];
        var read = await FillAsync(prelude, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < PreludeLength)
        {
            throw new InvalidDataException("The event stream ended in the middle of a frame's prelude.");
        }

        var total = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headers = BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(4));
        if (Crc32.Compute(prelude.AsSpan(0, 8)) != BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(8)))
        {
            throw new InvalidDataException("An event stream frame's prelude checksum does not match.");
        }

        if (total is < MinimumFrame or > MaximumFrame || headers > total - MinimumFrame)
        {
            throw new InvalidDataException($"An event stream frame has impossible lengths (total {total}, headers {headers}).");
        }

        var frame = new byte[total];
        prelude.CopyTo(frame, 0);
        if (await FillAsync(frame.AsMemory(PreludeLength), cancellationToken).ConfigureAwait(false) < total - PreludeLength)
        {
            throw new InvalidDataException("The event stream ended in the middle of a frame.");
        }

        return Parse(frame);
    }

    /// <summary>Parses one whole frame.</summary>
    public static EventStreamFrame Parse(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var total = BinaryPrimitives.ReadUInt32BigEndian(frame);
        if (frame.Length < MinimumFrame || total != frame.Length
            || Crc32.Compute(frame.AsSpan(0, 8)) != BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8))
            || Crc32.Compute(frame.AsSpan(0, frame.Length - 4)) != BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(frame.Length - 4)))
        {
            throw new InvalidDataException("An event stream frame's length or checksum does not match.");
        }

        EventStreamMessage message;
        try
        {
            message = EventStreamMessage.FromBuffer(frame, 0, frame.Length);
        }
        catch (Exception ex) when (ex is EventStreamParseException or EventStreamChecksumFailureException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("An event stream frame could not be parsed: " + ex.Message, ex);
        }

        var headers = message.Headers.Values.ToDictionary(
            h => h.Name,
            h => h.HeaderType == EventStreamHeaderType.String ? h.AsString() : null,
            StringComparer.Ordinal);
        return new EventStreamFrame(headers, message.Payload ?? []);
    }

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}

/// <summary>One decoded event-stream frame: its headers (string values; other types as <see langword="null"/>) and payload.</summary>
internal sealed record EventStreamFrame(IReadOnlyDictionary<string, string?> Headers, byte[] Payload)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
