using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DigitalTwin.Memory;

/// <summary>
/// Writes and reads the compact, source-generated JSON the stores keep (turns, turn records, owner records): no reflection,
/// one object per value, and a torn or foreign value read as <see langword="null"/> rather than an exception.
/// </summary>
internal static class StoredJson
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="output"/>, with no intermediate array.</summary>
    public static void Write<T>(T value, IBufferWriter<byte> output, JsonTypeInfo<T> type)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, type);
    }

    /// <summary>Reads a value; <see langword="null"/> when the bytes are not whole, valid JSON of it (a torn write, for example).</summary>
    public static T? TryRead<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
