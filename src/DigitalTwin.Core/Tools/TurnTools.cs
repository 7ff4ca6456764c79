using DigitalTwin.Conversations;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Tools;

/// <summary>
/// One turn's tools: the <see cref="ChatOptions"/> given to the model call, whose tool instances carry this turn (conversation,
/// turn id, client address) so they need no ambient state, and the calls they made, for the turn's metadata.
/// </summary>
internal sealed class TurnTools
{
    private readonly List<TurnToolCall> _calls = [];
    private readonly int _maxCalls;
    private int _started;

    public TurnTools(ConversationKey conversation, string turnId, string? clientAddress, int maxCalls)
    {
        (Conversation, TurnId, ClientAddress, _maxCalls) = (conversation, turnId, clientAddress, maxCalls);
    }

    public ConversationKey Conversation { get; }

    public string TurnId { get; }

    public string? ClientAddress { get; }

    public ChatOptions Options { get; } = new() { Tools = [] };

    /// <summary>The calls made so far, in order; <see langword="null"/> when none.</summary>
    public IReadOnlyList<TurnToolCall>? Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count == 0 ? null : _calls.ToArray();
            }
        }
    }

    /// <summary>Counts a call; <see langword="false"/> (and records it as refused) when the turn has made its allowed calls.</summary>
    public bool TryStart(string tool)
    {
        if (Interlocked.Increment(ref _started) <= _maxCalls)
        {
            return true;
        }

        Record(tool, ToolOutcomes.CallLimitReached);
        return false;
    }

    public void Record(string tool, string outcome)
    {
        lock (_calls)
        {
            _calls.Add(new TurnToolCall(tool, outcome));
        }
    }

    public const string CallLimitMessage =
        "Error: this turn has used all of its tool calls. Do not call tools again; answer the visitor without them.";
}
