using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>A message of a stored turn; names are snake_case (<see cref="StoredJsonContext"/>).</summary>
internal sealed record StoredMessage(string Content, DateTimeOffset Timestamp);

/// <summary>A stored turn, shared by the file, S3 and DynamoDB stores (<see cref="StoredJson"/>): <c>{"turn_id":…,"user":{…},"assistant":{…},"meta":{…}}</c>.</summary>
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
