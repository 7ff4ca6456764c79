namespace DigitalTwin.Tools;

/// <summary>The <see cref="TurnToolCall.Outcome"/> values.</summary>
internal static class ToolOutcomes
{
    public const string Recorded = "recorded";
    public const string AlreadyRecorded = "already_recorded";
    public const string InvalidArguments = "invalid_arguments";
    public const string LimitReached = "limit_reached";
    public const string CallLimitReached = "call_limit_reached";
    public const string Failed = "failed";
    public const string Completed = "completed";
}
