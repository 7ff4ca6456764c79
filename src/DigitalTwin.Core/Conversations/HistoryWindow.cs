using System.Text;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Conversations;

/// <summary>Chooses which stored messages go to the model: the newest ones, within a count and an optional token budget.</summary>
internal static class HistoryWindow
{
    /// <summary>An estimate of a text's tokens: about four UTF-8 bytes per token, rounded up.</summary>
    public static int EstimateTokens(string text) => (Encoding.UTF8.GetByteCount(text) + 3) / 4;

    /// <summary>How many stored turns to read to fill a window of <paramref name="maxMessages"/> messages.</summary>
    public static int TurnsToRead(int maxMessages) => maxMessages <= 0 ? 0 : (maxMessages + 1) / 2;

    /// <summary>
    /// The newest messages of <paramref name="turns"/> (oldest first) within <paramref name="maxMessages"/> and
    /// <paramref name="maxTokens"/>. The window never starts with an assistant message: providers expect a user turn first.
    /// </summary>
    public static List<ChatMessage> Select(IReadOnlyList<ConversationTurn> turns, int maxMessages, int? maxTokens)
    {
        var picked = new List<ConversationMessage>();
        var budget = maxTokens ?? int.MaxValue;
        for (var t = turns.Count - 1; t >= 0 && picked.Count < maxMessages; t--)
        {
            foreach (var message in new[] { turns[t].Assistant, turns[t].User })
            {
                var cost = EstimateTokens(message.Content);
                if (picked.Count >= maxMessages || cost > budget)
                {
                    t = -1;
                    break;
                }

                budget -= cost;
                picked.Add(message);
            }
        }

        picked.Reverse();
        var start = picked.Count > 0 && picked[0].Role == ConversationRole.Assistant ? 1 : 0;
        return picked.Skip(start)
            .Select(m => new ChatMessage(m.Role == ConversationRole.User ? ChatRole.User : ChatRole.Assistant, m.Content))
            .ToList();
    }
}
