using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using DigitalTwin.Owner;

namespace DigitalTwin.Memory;

/// <summary>
/// The compact JSON the file, S3 and DynamoDB stores keep: turns (<see cref="StoredTurn"/>), their index records
/// (<see cref="StoredTurnRecord"/>) and owner records (<see cref="StoredOwnerRecord"/>). Source-generated (Native-AOT clean),
/// one object per value with no newlines; a torn or foreign value reads as <see langword="null"/> rather than an exception.
/// </summary>
internal static class StoredJson
{
    public static byte[] Serialize(ConversationTurn turn) => JsonSerializer.SerializeToUtf8Bytes(StoredTurn.From(turn), StoredJsonContext.Default.StoredTurn);

    /// <summary>Writes the same JSON as <see cref="Serialize(ConversationTurn)"/> to <paramref name="output"/>, with no intermediate array.</summary>
    public static void Serialize(ConversationTurn turn, IBufferWriter<byte> output) => Write(StoredTurn.From(turn), output, StoredJsonContext.Default.StoredTurn);

    public static ConversationTurn? TryReadTurn(ReadOnlySpan<byte> utf8) => TryRead(utf8, StoredJsonContext.Default.StoredTurn)?.ToTurn();

    public static byte[] Serialize(TurnRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(StoredTurnRecord.From(record), StoredJsonContext.Default.StoredTurnRecord);

    /// <summary>Writes the same JSON as <see cref="Serialize(TurnRecord)"/> to <paramref name="output"/>, with no intermediate array.</summary>
    public static void Serialize(TurnRecord record, IBufferWriter<byte> output) =>
        Write(StoredTurnRecord.From(record), output, StoredJsonContext.Default.StoredTurnRecord);

    public static TurnRecord? TryReadTurnRecord(ReadOnlySpan<byte> utf8) => TryRead(utf8, StoredJsonContext.Default.StoredTurnRecord)?.ToRecord();

    public static byte[] Serialize(OwnerRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(StoredOwnerRecord.From(record), StoredJsonContext.Default.StoredOwnerRecord);

    public static OwnerRecord? TryReadOwnerRecord(ReadOnlySpan<byte> utf8) => TryRead(utf8, StoredJsonContext.Default.StoredOwnerRecord)?.ToRecord();

    private static void Write<T>(T value, IBufferWriter<byte> output, JsonTypeInfo<T> type)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, type);
    }

    private static T? TryRead<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type)
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

/// <summary>The stores' JSON: snake_case names unless a record says otherwise, nulls left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredTurn))]
[JsonSerializable(typeof(StoredTurnRecord))]
[JsonSerializable(typeof(StoredOwnerRecord))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
