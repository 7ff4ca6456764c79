using DigitalTwin.Configuration;

namespace DigitalTwin.Tools;

/// <summary>
/// Settings of a twin's tools (section <c>DigitalTwin:Tools</c>, or <c>DigitalTwin:Twins:{name}:Tools</c>): whether the built-in
/// lead-capture tools are offered to the model, how many tool calls a turn may make, and how many owner records a visitor may
/// leave. The record limits are counted in memory, per host (see docs/tools.md).
/// </summary>
public sealed class ToolsOptions
{
    /// <summary>
    /// Whether the model gets the built-in tools <c>record_user_details</c> (a visitor who wants to get in touch) and
    /// <c>record_unknown_question</c> (a question the persona cannot answer), and the prompt says when to use them.
    /// Default <see langword="false"/>; <c>.UseLeadCapture()</c> turns it on in code. The store must keep owner records.
    /// </summary>
    public bool LeadCapture { get; set; }

    /// <summary>The most tool calls one turn may make (built-in and custom together); later calls get an error. Default 3, at most 20.</summary>
    public int MaxToolCallsPerTurn { get; set; } = 3;

    /// <summary>The most owner records one session may leave within <see cref="RecordLimitWindow"/>. Default 3.</summary>
    public int MaxRecordsPerSession { get; set; } = 3;

    /// <summary>The most owner records one client address may leave within <see cref="RecordLimitWindow"/>, over all its sessions. Default 10.</summary>
    public int MaxRecordsPerClient { get; set; } = 10;

    /// <summary>The window the record limits count in; a new window starts empty. Default 1 hour.</summary>
    public TimeSpan RecordLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Adds the problems of these settings to <paramref name="errors"/>, each with its configuration path.</summary>
    internal void Validate(OptionsErrors errors)
    {
        errors.Check(MaxToolCallsPerTurn is < 1 or > 20, $"Tools:MaxToolCallsPerTurn is {MaxToolCallsPerTurn}: use 1 to 20 (default 3).");
        errors.Check(MaxRecordsPerSession is < 1 or > 1000, $"Tools:MaxRecordsPerSession is {MaxRecordsPerSession}: use 1 to 1000 (default 3).");
        errors.Check(MaxRecordsPerClient is < 1 or > 100_000, $"Tools:MaxRecordsPerClient is {MaxRecordsPerClient}: use 1 to 100000 (default 10).");
        errors.Check(RecordLimitWindow < TimeSpan.FromSeconds(1) || RecordLimitWindow > TimeSpan.FromDays(7), $"Tools:RecordLimitWindow is {RecordLimitWindow}: use 00:00:01 to 7.00:00:00 (default 01:00:00).");
    }
}
