using System.Text.Json.Serialization;
using DigitalTwin.Owner;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /owner/records</c>: what visitors left for the owner over a period, oldest first.</summary>
/// <param name="Twin">The twin listed.</param>
/// <param name="From">The start of the period (inclusive).</param>
/// <param name="To">The end of the period (exclusive).</param>
/// <param name="Leads">How many of the records are leads.</param>
/// <param name="UnansweredQuestions">How many are unanswered questions.</param>
/// <param name="Records">The records, oldest first.</param>
public sealed record OwnerRecordsResponse(
    [property: JsonPropertyName("twin")] string Twin,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("leads")] int Leads,
    [property: JsonPropertyName("unanswered_questions")] int UnansweredQuestions,
    [property: JsonPropertyName("records")] IReadOnlyList<OwnerRecordResponse> Records)
{
    internal static OwnerRecordsResponse Of(string twin, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<OwnerRecord> records) => new(
        twin, from, to, records.Count(r => r.Kind == OwnerRecordKind.Lead), records.Count(r => r.Kind == OwnerRecordKind.UnansweredQuestion),
        [.. records.Select(OwnerRecordResponse.Of)]);
}
