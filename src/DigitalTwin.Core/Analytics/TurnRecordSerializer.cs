using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;

namespace DigitalTwin.Analytics;

/// <summary>
/// The compact JSON form of a <see cref="TurnRecord"/> kept by store indexes (the file store's day journal, the S3 index
/// objects, the DynamoDB <c>meta</c> attribute): <c>{"c":…,"id":…,"ts":…,"meta":{…}}</c> on one line.
/// </summary>
internal static class TurnRecordSerializer
{
    public static byte[] Serialize(TurnRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(StoredTurnRecord.From(record), TurnRecordJsonContext.Default.StoredTurnRecord);

    /// <summary>Writes the same JSON as <see cref="Serialize(TurnRecord)"/> to <paramref name="output"/>, with no intermediate array.</summary>
    public static void Serialize(TurnRecord record, IBufferWriter<byte> output) =>
        StoredJson.Write(StoredTurnRecord.From(record), output, TurnRecordJsonContext.Default.StoredTurnRecord);

    /// <summary>Reads a record; <see langword="null"/> when the bytes are not a whole, valid record (a torn line, for example).</summary>
    public static TurnRecord? TryDeserialize(ReadOnlySpan<byte> utf8) => StoredJson.TryRead(utf8, TurnRecordJsonContext.Default.StoredTurnRecord)?.ToRecord();
}

internal sealed record StoredTurnRecord(
    [property: JsonPropertyName("c")] string Conversation,
    [property: JsonPropertyName("id")] string TurnId,
    [property: JsonPropertyName("ts")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("meta")] TurnMetadata? Metadata)
{
    public static StoredTurnRecord From(TurnRecord r) => new(r.Conversation, r.TurnId, r.Timestamp, r.Metadata);

    public TurnRecord? ToRecord() => Conversation is null || TurnId is null ? null : new TurnRecord(Conversation, TurnId, Timestamp) { Metadata = Metadata };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredTurnRecord))]
internal sealed partial class TurnRecordJsonContext : JsonSerializerContext;
