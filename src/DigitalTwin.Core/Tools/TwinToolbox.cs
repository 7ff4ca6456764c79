using DigitalTwin.Configuration;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Tools;

/// <summary>
/// One twin's tools: the built-in lead-capture tools (when <see cref="ToolsOptions.LeadCapture"/> is on) and the user's
/// <see cref="AIFunction"/>s, handed out per turn by <see cref="Begin"/>.
/// </summary>
internal sealed class TwinToolbox
{
    private readonly IReadOnlyList<AIFunction> _custom;
    private readonly int _maxCalls;
    private readonly IOwnerRecords? _records;

    private TwinToolbox(string name, ToolsOptions options, IReadOnlyList<AIFunction> custom, IOwnerRecords? records, TimeProvider time, ILogger logger)
    {
        (Name, _custom, _records, Time, Logger, _maxCalls) = (name, custom, records, time, logger, options.MaxToolCallsPerTurn);
        Limiter = new OwnerRecordLimiter(options, time);
    }

    public string Name { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public OwnerRecordLimiter Limiter { get; }

    public IOwnerRecords Records => _records ?? throw new InvalidOperationException("Lead capture is off.");

    /// <summary>
    /// Tells the owner notifier a record was stored, so it is sent now rather than at the next poll (never waits, never throws).
    /// Resolved when used: the notifier reads the twins' stores, so it cannot be a dependency of the twin's construction.
    /// </summary>
    public Action Nudge { get; private init; } = static () => { };

    /// <summary>The toolbox of twin <paramref name="name"/>, or <see langword="null"/> when it has no tools.</summary>
    /// <exception cref="InvalidOperationException">Lead capture is on but the store keeps no owner records.</exception>
    public static TwinToolbox? Create(
        string name, DigitalTwinOptions options, IReadOnlyList<AIFunction> custom, IConversationStore store, TimeProvider time, ILogger logger, Action? nudge = null)
    {
        if (!options.Tools.LeadCapture && custom.Count == 0)
        {
            return null;
        }

        var records = options.Tools.LeadCapture
            ? store.GetService<IOwnerRecords>() ?? throw new InvalidOperationException(
                $"The twin '{name}' has lead capture on ({TwinConfiguration.SectionPath(name)}:Tools:LeadCapture or .UseLeadCapture()), but its store " +
                $"({store.GetType().Name}) keeps no owner records: use a store that does (in-memory, file, S3 or DynamoDB), or turn lead capture off.")
            : null;
        return new TwinToolbox(name, options.Tools, custom, records, time, logger) { Nudge = nudge ?? (static () => { }) };
    }

    /// <summary>The tools of one turn, bound to its conversation, turn id and client address.</summary>
    public TurnTools Begin(ConversationKey conversation, string turnId, string? clientAddress)
    {
        var turn = new TurnTools(conversation, turnId, clientAddress, _maxCalls);
        var tools = turn.Options.Tools!;
        if (_records is not null)
        {
            tools.Add(new OwnerRecordTool(this, turn, OwnerRecordKind.Lead));
            tools.Add(new OwnerRecordTool(this, turn, OwnerRecordKind.UnansweredQuestion));
        }

        foreach (var function in _custom)
        {
            tools.Add(new CountedFunction(function, turn));
        }

        return turn;
    }
}
