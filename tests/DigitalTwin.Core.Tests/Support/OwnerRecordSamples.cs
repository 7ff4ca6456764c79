using DigitalTwin.Owner;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>Owner records as the tools would store them, for the store, notification and IAM tests.</summary>
internal static class OwnerRecordSamples
{
    /// <summary>A lead left during turn <paramref name="turnId"/> of <paramref name="conversation"/> (a new session of the default twin when omitted).</summary>
    public static OwnerRecord Lead(DateTimeOffset createdAt, ConversationKey? conversation = null, string turnId = "t1", string email = "ana@example.com", string? name = "Ana", string? notes = null)
    {
        var key = conversation ?? new ConversationKey(DigitalTwinDefaults.TwinName, SessionId.New());
        return new OwnerRecord
        {
            Id = OwnerRecord.IdFor(key, turnId, OwnerRecordKind.Lead),
            Conversation = key,
            TurnId = turnId,
            Kind = OwnerRecordKind.Lead,
            CreatedAt = createdAt,
            Email = email,
            Name = name,
            Notes = notes,
        };
    }

    /// <summary>An unanswered question left in a new session of <paramref name="twin"/>.</summary>
    public static OwnerRecord Question(DateTimeOffset createdAt, string question, string twin = DigitalTwinDefaults.TwinName)
    {
        var key = new ConversationKey(twin, SessionId.New());
        return new OwnerRecord
        {
            Id = OwnerRecord.IdFor(key, "t1", OwnerRecordKind.UnansweredQuestion),
            Conversation = key,
            TurnId = "t1",
            Kind = OwnerRecordKind.UnansweredQuestion,
            CreatedAt = createdAt,
            Question = question,
        };
    }
}
