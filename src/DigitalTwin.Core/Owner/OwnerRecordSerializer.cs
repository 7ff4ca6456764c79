using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.Conversations;

namespace DigitalTwin.Owner;

/// <summary>
/// The JSON form of an <see cref="OwnerRecord"/> kept by the file, S3 and DynamoDB stores: one compact object, source-generated
/// (Native-AOT clean), <c>{"id":…,"twin":…,"session":…,"turn":…,"kind":"lead","created":…,…}</c>.
/// </summary>
internal static class OwnerRecordSerializer
{
    public static byte[] Serialize(OwnerRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(StoredOwnerRecord.From(record), OwnerRecordJsonContext.Default.StoredOwnerRecord);

    /// <summary>Reads a record; <see langword="null"/> when the bytes are not a whole, valid record.</summary>
    public static OwnerRecord? TryDeserialize(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, OwnerRecordJsonContext.Default.StoredOwnerRecord)?.ToRecord();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="id"/> has the shape of <see cref="OwnerRecord.IdFor"/> (so it is safe in paths and keys).</summary>
    public static void ValidateId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is < 1 or > 64 || !id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or '-'))
        {
            throw new ArgumentException("An owner record id is 1 to 64 characters of [0-9a-z-] (see OwnerRecord.IdFor).", nameof(id));
        }
    }
}

internal sealed record StoredOwnerRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("twin")] string Twin,
    [property: JsonPropertyName("session")] string Session,
    [property: JsonPropertyName("turn")] string TurnId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("created")] DateTimeOffset CreatedAt)
{
    [JsonPropertyName("email")] public string? Email { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("notes")] public string? Notes { get; init; }

    [JsonPropertyName("question")] public string? Question { get; init; }

    [JsonPropertyName("notified")] public DateTimeOffset? NotifiedAt { get; init; }

    public static StoredOwnerRecord From(OwnerRecord r) => new(r.Id, r.Conversation.Twin, r.Conversation.SessionId.Value, r.TurnId, KindName(r.Kind), r.CreatedAt)
    {
        Email = r.Email, Name = r.Name, Notes = r.Notes, Question = r.Question, NotifiedAt = r.NotifiedAt,
    };

    public OwnerRecord? ToRecord() =>
        Id is null || Twin is null || TurnId is null || !SessionId.TryParse(Session, out var session) || ParseKind(Kind) is not { } kind
            ? null
            : new OwnerRecord
            {
                Id = Id,
                Conversation = new ConversationKey(Twin, session),
                TurnId = TurnId,
                Kind = kind,
                CreatedAt = CreatedAt,
                Email = Email,
                Name = Name,
                Notes = Notes,
                Question = Question,
                NotifiedAt = NotifiedAt,
            };

    private static string KindName(OwnerRecordKind kind) => kind == OwnerRecordKind.Lead ? "lead" : "unanswered_question";

    private static OwnerRecordKind? ParseKind(string? kind) => kind switch
    {
        "lead" => OwnerRecordKind.Lead,
        "unanswered_question" => OwnerRecordKind.UnansweredQuestion,
        _ => null,
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredOwnerRecord))]
internal sealed partial class OwnerRecordJsonContext : JsonSerializerContext;
