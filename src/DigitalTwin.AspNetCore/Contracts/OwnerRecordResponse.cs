using System.Text.Json.Serialization;
using DigitalTwin.Owner;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>One lead or unanswered question in the answer of <c>GET /owner/records</c> (see <see cref="OwnerRecord"/>).</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Kind"><c>lead</c> or <c>unanswered_question</c>.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="SessionId">The conversation it came from (read it with <c>GET /conversations/{sessionId}</c>).</param>
/// <param name="Email">A lead's email address.</param>
/// <param name="Name">A lead's name, when given.</param>
/// <param name="Notes">A lead's notes, when given.</param>
/// <param name="Question">An unanswered question.</param>
/// <param name="NotifiedAt">When the owner's webhook accepted its notification; <see langword="null"/> until then.</param>
public sealed record OwnerRecordResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("notes")] string? Notes,
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("notified_at")] DateTimeOffset? NotifiedAt)
{
    internal static OwnerRecordResponse Of(OwnerRecord r) => new(
        r.Id, OwnerRecord.KindName(r.Kind), r.CreatedAt, r.Conversation.SessionId.Value,
        r.Email, r.Name, r.Notes, r.Question, r.NotifiedAt);
}
