namespace DigitalTwin.Owner;

/// <summary>What a visitor left for the twin's owner.</summary>
public enum OwnerRecordKind
{
    /// <summary>A visitor who wants to get in touch (<c>record_user_details</c>): an email address, optionally a name and notes.</summary>
    Lead,

    /// <summary>A question the twin could not answer from the persona (<c>record_unknown_question</c>).</summary>
    UnansweredQuestion,
}
