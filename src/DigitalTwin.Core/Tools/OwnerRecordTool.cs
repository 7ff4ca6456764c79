using System.Text.Json;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Tools;

/// <summary>
/// A built-in tool that leaves an <see cref="OwnerRecord"/> for the twin's owner. One instance per turn (it carries the turn);
/// an explicit JSON schema and hand-written argument checks, no reflection. Invalid arguments, limits and store failures come
/// back to the model as short error texts it can act on, and store nothing. No tool reads records.
/// </summary>
internal abstract partial class OwnerRecordTool(TwinToolbox toolbox, TurnTools turn, OwnerRecordKind kind) : AIFunction
{
    protected OwnerRecordKind Kind { get; } = kind;

    /// <summary>The record this call asks for, or an error text for the model.</summary>
    protected abstract (OwnerRecord? Record, string? Error) Build(AIFunctionArguments arguments, OwnerRecord template);

    /// <summary>What the model is told once the record is stored (or was already stored by an earlier attempt of this turn).</summary>
    protected abstract string Confirmation { get; }

    protected static JsonElement Schema(string json)
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
            Id = OwnerRecord.IdFor(turn.Conversation, turn.TurnId, Kind),
            Conversation = turn.Conversation,
            TurnId = turn.TurnId,
            Kind = Kind,
            CreatedAt = toolbox.Time.GetUtcNow(),
        };
        var (record, error) = Build(arguments, template);
        if (record is null)
        {
            turn.Record(Name, ToolOutcomes.InvalidArguments);
            return "Error: " + error + " Nothing was recorded; correct the arguments and call again, or ask the visitor.";
        }

        var session = turn.Conversation.SessionId.Value;
        if (!toolbox.Limiter.TryAcquire(session, turn.ClientAddress))
        {
            turn.Record(Name, ToolOutcomes.LimitReached);
            LogLimited(toolbox.Logger, toolbox.Name, Kind, session);
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
            LogStoreFailed(toolbox.Logger, ex, toolbox.Name, Kind, session);
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
        LogRecorded(toolbox.Logger, toolbox.Name, Kind, session, added);
        return Confirmation;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Twin {Twin} recorded a {Kind} for session {SessionId} (new: {New})")]
    private static partial void LogRecorded(ILogger logger, string twin, OwnerRecordKind kind, string sessionId, bool @new);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Twin {Twin}: a {Kind} for session {SessionId} was refused by the record limits")]
    private static partial void LogLimited(ILogger logger, string twin, OwnerRecordKind kind, string sessionId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Twin {Twin}: a {Kind} for session {SessionId} could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string twin, OwnerRecordKind kind, string sessionId);
}
