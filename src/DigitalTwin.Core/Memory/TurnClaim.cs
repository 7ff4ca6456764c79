using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>A host's claim on producing one idempotent turn, returned by <see cref="ITurnClaims.TryClaimAsync"/>.</summary>
/// <param name="Key">The conversation the turn belongs to.</param>
/// <param name="TurnId">The client's turn id.</param>
/// <param name="Owner">A token unique to this claim; <see cref="ITurnClaims.ReleaseAsync"/> removes the claim only while it still carries this token.</param>
/// <param name="ExpiresAt">When the claim lapses unless released: after that another host may take it over.</param>
public sealed record TurnClaim(ConversationKey Key, string TurnId, string Owner, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether this claim replaced an expired claim of another holder (one that crashed or overran its lease).</summary>
    public bool TookOver { get; init; }
}
