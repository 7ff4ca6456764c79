namespace DigitalTwin.Conversations;

/// <summary>
/// One exchange: the visitor's message and the twin's answer. Stores write a turn as a unit, so a conversation never holds
/// half a turn.
/// </summary>
/// <param name="TurnId">A unique id for the turn (a client's idempotency key when one was given).</param>
/// <param name="User">The visitor's message.</param>
/// <param name="Assistant">The twin's answer.</param>
public sealed record ConversationTurn(string TurnId, ConversationMessage User, ConversationMessage Assistant)
{
    /// <summary>How the answer was produced (model, tokens, latency); absent for turns imported from older formats.</summary>
    public TurnMetadata? Metadata { get; init; }

    /// <summary>The two messages in order.</summary>
    public IEnumerable<ConversationMessage> Messages
    {
        get
        {
            yield return User;
            yield return Assistant;
        }
    }
}
