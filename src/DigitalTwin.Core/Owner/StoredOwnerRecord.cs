using DigitalTwin.Conversations;

namespace DigitalTwin.Owner;

/// <summary>
/// An <see cref="OwnerRecord"/> as the file, S3 and DynamoDB stores keep it (<see cref="Memory.StoredJson"/>): one compact
/// object, <c>{"id":…,"twin":…,"session":…,"turn":…,"kind":"lead","created":…,…}</c>, nulls left out.
/// </summary>
internal sealed record StoredOwnerRecord(string Id, string Twin, string Session, string Turn, string Kind, DateTimeOffset Created)
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public string? Question { get; init; }

    public DateTimeOffset? Notified { get; init; }

    public static StoredOwnerRecord From(OwnerRecord r) =>
        new(r.Id, r.Conversation.Twin, r.Conversation.SessionId.Value, r.TurnId, OwnerRecord.KindName(r.Kind), r.CreatedAt)
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
