namespace DigitalTwin.Tools;

/// <summary>
/// A tool call made while the twin answered a turn, kept in <see cref="Conversations.TurnMetadata.ToolCalls"/>: the tool's name
/// and how the call ended. Arguments are not kept (a lead's email address belongs in the owner record, not in every turn).
/// </summary>
/// <param name="Name">The tool's name, for example <c>record_user_details</c>.</param>
/// <param name="Outcome">
/// <c>recorded</c>, <c>already_recorded</c> (a retried turn), <c>invalid_arguments</c>, <c>limit_reached</c> (record limits),
/// <c>call_limit_reached</c> (<see cref="ToolsOptions.MaxToolCallsPerTurn"/>), <c>failed</c>, or <c>completed</c> (a custom tool that returned).
/// </param>
public sealed record TurnToolCall(string Name, string Outcome);
