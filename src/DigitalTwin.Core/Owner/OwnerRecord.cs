using System.Security.Cryptography;
using System.Text;
using DigitalTwin.Conversations;

namespace DigitalTwin.Owner;

/// <summary>
/// A lead or an unanswered question a visitor left during a turn, kept by the twin's store for the owner. A turn records at
/// most one record of each kind: <see cref="Id"/> is derived from the twin, session, turn and kind, so a retried turn finds its
/// earlier record instead of writing a second one.
/// </summary>
public sealed record OwnerRecord
{
    /// <summary>The record's id (<see cref="IdFor"/>): 32 lowercase hex characters.</summary>
    public required string Id { get; init; }

    /// <summary>The conversation (twin and session) the record came from.</summary>
    public required ConversationKey Conversation { get; init; }

    /// <summary>The turn during which the visitor left it.</summary>
    public required string TurnId { get; init; }

    /// <summary>A lead or an unanswered question.</summary>
    public required OwnerRecordKind Kind { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A lead's email address.</summary>
    public string? Email { get; init; }

    /// <summary>A lead's name, when given.</summary>
    public string? Name { get; init; }

    /// <summary>A lead's notes (what the visitor wants to talk about), when given.</summary>
    public string? Notes { get; init; }

    /// <summary>An unanswered question.</summary>
    public string? Question { get; init; }

    /// <summary>When the owner was notified, once a notification has been delivered; <see langword="null"/> until then.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>The id of the record of <paramref name="kind"/> made during turn <paramref name="turnId"/> of <paramref name="conversation"/>.</summary>
    public static string IdFor(ConversationKey conversation, string turnId, OwnerRecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(turnId);
        var text = $"{conversation.TwinStorageName}\n{conversation.SessionId.Value}\n{turnId}\n{kind}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>Throws unless <paramref name="id"/> has the shape of <see cref="IdFor"/> (so it is safe in paths and keys).</summary>
    internal static void ValidateId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is < 1 or > 64 || !id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or '-'))
        {
            throw new ArgumentException("An owner record id is 1 to 64 characters of [0-9a-z-] (see OwnerRecord.IdFor).", nameof(id));
        }
    }

    /// <summary>The name of <paramref name="kind"/> in stored records, webhook bodies and HTTP answers.</summary>
    internal static string KindName(OwnerRecordKind kind) => kind == OwnerRecordKind.Lead ? "lead" : "unanswered_question";
}
