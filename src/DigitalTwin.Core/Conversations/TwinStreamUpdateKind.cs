namespace DigitalTwin.Conversations;

/// <summary>What a <see cref="TwinStreamUpdate"/> carries.</summary>
public enum TwinStreamUpdateKind
{
    /// <summary>The session id the turn belongs to; always the first update.</summary>
    Session,

    /// <summary>A piece of the answer's text.</summary>
    Delta,

    /// <summary>The answer is complete and the turn stored; carries usage and finish reason. Always the last update.</summary>
    Completed,
}
