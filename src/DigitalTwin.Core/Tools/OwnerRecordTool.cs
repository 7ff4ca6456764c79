using System.Text.Json;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Tools;

/// <summary>
/// A built-in tool that leaves an <see cref="OwnerRecord"/> for the twin's owner: <c>record_user_details(email, name?, notes?)</c>,
/// a visitor who wants to get in touch (a lead), or <c>record_unknown_question(question)</c>, a question the twin could not
/// answer from the persona. One instance per turn (it carries the turn); an explicit JSON schema and hand-written argument
/// checks (<see cref="ToolArguments"/>), no reflection. Invalid arguments, limits and store failures come back to the model
/// as short error texts it can act on, and store nothing. No tool reads records.
/// </summary>
internal sealed partial class OwnerRecordTool(TwinToolbox toolbox, TurnTools turn, OwnerRecordKind kind) : AIFunction
{
    public const string UserDetailsName = "record_user_details";

    public const string UnknownQuestionName = "record_unknown_question";

    private static readonly JsonElement UserDetailsSchema = Schema($$"""
        {
          "type": "object",
          "properties": {
            "email": { "type": "string", "description": "The visitor's email address.", "maxLength": {{ToolArguments.MaxEmailLength}} },
            "name": { "type": "string", "description": "The visitor's name, if they gave it.", "maxLength": {{ToolArguments.MaxNameLength}} },
            "notes": { "type": "string", "description": "Anything worth passing on: what they want to talk about, context from the conversation.", "maxLength": {{ToolArguments.MaxNotesLength}} }
          },
          "required": ["email"],
          "additionalProperties": false
        }
        """);

    private static readonly JsonElement UnknownQuestionSchema = Schema($$"""
        {
          "type": "object",
          "properties": {
            "question": { "type": "string", "description": "The question that couldn't be answered.", "maxLength": {{ToolArguments.MaxQuestionLength}} }
          },
          "required": ["question"],
          "additionalProperties": false
        }
        """);

    private bool Lead => kind == OwnerRecordKind.Lead;

    public override string Name => Lead ? UserDetailsName : UnknownQuestionName;

    public override string Description => Lead
        ? "Use this tool to record that a visitor is interested in being in touch and provided an email address."
        : "Always use this tool to record any question that couldn't be answered as you didn't know the answer.";

    public override JsonElement JsonSchema => Lead ? UserDetailsSchema : UnknownQuestionSchema;

    /// <summary>What the model is told once the record is stored (or was already stored by an earlier attempt of this turn).</summary>
    private string Confirmation => Lead ? "Recorded: the owner will see these contact details." : "Recorded: the owner will see this question.";

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (!turn.TryStart(Name))
        {
            return TurnTools.CallLimitMessage;
        }

        var template = new OwnerRecord
        {
            Id = OwnerRecord.IdFor(turn.Conversation, turn.TurnId, kind),
            Conversation = turn.Conversation,
            TurnId = turn.TurnId,
            Kind = kind,
            CreatedAt = toolbox.Time.GetUtcNow(),
        };
        var (record, error) = Lead ? ToolArguments.Lead(arguments, template) : ToolArguments.Question(arguments, template);
        if (record is null)
        {
            turn.Record(Name, ToolOutcomes.InvalidArguments);
            return "Error: " + error + " Nothing was recorded; correct the arguments and call again, or ask the visitor.";
        }

        var session = turn.Conversation.SessionId.Value;
        if (!toolbox.Limiter.TryAcquire(session, turn.ClientAddress))
        {
            turn.Record(Name, ToolOutcomes.LimitReached);
            LogLimited(toolbox.Logger, toolbox.Name, kind, session);
            return "Error: this visitor has left as many records as allowed for now. Nothing was recorded; do not call this tool again in this conversation.";
        }

        bool added;
        try
        {
            added = await toolbox.Records.TryAddAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (ConversationStoreException ex)
        {
            toolbox.Limiter.Release(session, turn.ClientAddress);
            turn.Record(Name, ToolOutcomes.Failed);
            LogStoreFailed(toolbox.Logger, ex, toolbox.Name, kind, session);
            return "Error: the record could not be saved right now. Tell the visitor it did not work and suggest trying again later.";
        }

        if (added)
        {
            toolbox.Nudge();
        }
        else
        {
            toolbox.Limiter.Release(session, turn.ClientAddress);
        }

        turn.Record(Name, added ? ToolOutcomes.Recorded : ToolOutcomes.AlreadyRecorded);
        LogRecorded(toolbox.Logger, toolbox.Name, kind, session, added);
        return Confirmation;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Twin {Twin} recorded a {Kind} for session {SessionId} (new: {New})")]
    private static partial void LogRecorded(ILogger logger, string twin, OwnerRecordKind kind, string sessionId, bool @new);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Twin {Twin}: a {Kind} for session {SessionId} was refused by the record limits")]
    private static partial void LogLimited(ILogger logger, string twin, OwnerRecordKind kind, string sessionId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Twin {Twin}: a {Kind} for session {SessionId} could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string twin, OwnerRecordKind kind, string sessionId);
}
