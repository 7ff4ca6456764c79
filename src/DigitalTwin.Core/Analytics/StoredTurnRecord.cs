using System.Text.Json.Serialization;
using DigitalTwin.Conversations;

namespace DigitalTwin.Analytics;

/// <summary>
/// The compact form of a <see cref="TurnRecord"/> kept by store indexes (the file store's day journal, the S3 index objects,
/// the DynamoDB <c>meta</c> attribute): <c>{"c":…,"id":…,"ts":…,"meta":{…}}</c> on one line (<see cref="Memory.StoredJson"/>).
/// </summary>
internal sealed record StoredTurnRecord(
    [property: JsonPropertyName("c")] string Conversation,
    [property: JsonPropertyName("id")] string TurnId,
    [property: JsonPropertyName("ts")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("meta")] TurnMetadata? Metadata)
{
    public static StoredTurnRecord From(TurnRecord r) => new(r.Conversation, r.TurnId, r.Timestamp, r.Metadata);

    public TurnRecord? ToRecord() => Conversation is null || TurnId is null ? null : new TurnRecord(Conversation, TurnId, Timestamp) { Metadata = Metadata };
}
