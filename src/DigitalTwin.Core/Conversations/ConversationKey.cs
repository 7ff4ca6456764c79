namespace DigitalTwin.Conversations;

/// <summary>Identifies one conversation: the twin it belongs to and the visitor's session. Sessions never cross twins.</summary>
/// <param name="Twin">The twin's name (<see cref="DigitalTwinDefaults.TwinName"/> for the single-twin setup).</param>
/// <param name="SessionId">The visitor's session.</param>
public readonly record struct ConversationKey(string Twin, SessionId SessionId)
{
    /// <summary>A stable storage name for the twin (lowercase letters, digits and '-'; other characters are hex-escaped).</summary>
    public string TwinStorageName => DigitalTwinDefaults.ToStorageName(Twin);
}
