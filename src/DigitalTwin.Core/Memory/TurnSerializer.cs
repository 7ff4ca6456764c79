using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>The JSON form of a stored turn, shared by the file, S3 and DynamoDB stores: one compact object, no newlines.</summary>
internal static class TurnSerializer
{
    public static byte[] Serialize(ConversationTurn turn) => JsonSerializer.SerializeToUtf8Bytes(StoredTurn.From(turn), TurnJsonContext.Default.StoredTurn);

    /// <summary>Writes the same JSON as <see cref="Serialize(ConversationTurn)"/> to <paramref name="output"/>, with no intermediate array.</summary>
    public static void Serialize(ConversationTurn turn, IBufferWriter<byte> output) => StoredJson.Write(StoredTurn.From(turn), output, TurnJsonContext.Default.StoredTurn);

    /// <summary>Reads a turn; <see langword="null"/> when the bytes are not a whole, valid turn (a torn write, for example).</summary>
    public static ConversationTurn? TryDeserialize(ReadOnlySpan<byte> utf8) => StoredJson.TryRead(utf8, TurnJsonContext.Default.StoredTurn)?.ToTurn();
}

/// <summary>A message of a stored turn; names are snake_case (<see cref="TurnJsonContext"/>).</summary>
internal sealed record StoredMessage(string Content, DateTimeOffset Timestamp);

/// <summary>A stored turn: <c>{"turn_id":…,"user":{…},"assistant":{…},"meta":{…}}</c>.</summary>
internal sealed record StoredTurn(string TurnId, StoredMessage User, StoredMessage Assistant, TurnMetadata? Meta)
{
    public static StoredTurn From(ConversationTurn t) => new(
        t.TurnId, new(t.User.Content, t.User.Timestamp), new(t.Assistant.Content, t.Assistant.Timestamp), t.Metadata);

    public ConversationTurn? ToTurn() => TurnId is null || User?.Content is null || Assistant?.Content is null
        ? null
        : new ConversationTurn(
            TurnId,
            new ConversationMessage(ConversationRole.User, User.Content, User.Timestamp),
            new ConversationMessage(ConversationRole.Assistant, Assistant.Content, Assistant.Timestamp)) { Metadata = Meta };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredTurn))]
internal sealed partial class TurnJsonContext : JsonSerializerContext;
