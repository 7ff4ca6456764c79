using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;

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
    public static OwnerRecord? TryDeserialize(ReadOnlySpan<byte> utf8) => StoredJson.TryRead(utf8, OwnerRecordJsonContext.Default.StoredOwnerRecord)?.ToRecord();

    /// <summary>The name of <paramref name="kind"/> in stored records, webhook bodies and HTTP answers.</summary>
    public static string KindName(OwnerRecordKind kind) => kind == OwnerRecordKind.Lead ? "lead" : "unanswered_question";

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

/// <summary>A stored owner record; names are lower case (<see cref="OwnerRecordJsonContext"/>), nulls left out.</summary>
internal sealed record StoredOwnerRecord(string Id, string Twin, string Session, string Turn, string Kind, DateTimeOffset Created)
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public string? Question { get; init; }

    public DateTimeOffset? Notified { get; init; }

    public static StoredOwnerRecord From(OwnerRecord r) =>
        new(r.Id, r.Conversation.Twin, r.Conversation.SessionId.Value, r.TurnId, OwnerRecordSerializer.KindName(r.Kind), r.CreatedAt)
        {
            Email = r.Email, Name = r.Name, Notes = r.Notes, Question = r.Question, Notified = r.NotifiedAt,
        };

    public OwnerRecord? ToRecord() =>
        Id is null || Twin is null || Turn is null || !SessionId.TryParse(Session, out var session) || ParseKind(Kind) is not { } kind
            ? null
            : new OwnerRecord
            {
                Id = Id,
                Conversation = new ConversationKey(Twin, session),
                TurnId = Turn,
                Kind = kind,
                CreatedAt = Created,
                Email = Email,
                Name = Name,
                Notes = Notes,
                Question = Question,
                NotifiedAt = Notified,
            };

    private static OwnerRecordKind? ParseKind(string? kind) => kind switch
    {
        "lead" => OwnerRecordKind.Lead,
        "unanswered_question" => OwnerRecordKind.UnansweredQuestion,
        _ => null,
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredOwnerRecord))]
internal sealed partial class OwnerRecordJsonContext : JsonSerializerContext;
