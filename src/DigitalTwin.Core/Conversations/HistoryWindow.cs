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
        // Count how many of the newest messages fit (newest first: the last turn's answer, its question, the answer before…).
        var count = 0;
        var budget = maxTokens ?? int.MaxValue;
        for (var fits = true; fits && count < maxMessages && count < turns.Count * 2; count += fits ? 1 : 0)
        {
            var cost = maxTokens is null ? 0 : EstimateTokens(MessageFromEnd(turns, count).Content);
            fits = cost <= budget;
            budget -= fits ? cost : 0;
        }

        var oldest = count - 1;
        if (oldest >= 0 && MessageFromEnd(turns, oldest).Role == ConversationRole.Assistant)
        {
            oldest--;
        }

        var window = new List<ChatMessage>(oldest + 1);
        for (var p = oldest; p >= 0; p--)
        {
            var message = MessageFromEnd(turns, p);
            window.Add(new ChatMessage(message.Role == ConversationRole.User ? ChatRole.User : ChatRole.Assistant, message.Content));
        }

        return window;
    }

    // Position 0 is the newest message (the last turn's answer), 1 its question, 2 the answer before, and so on.
    private static ConversationMessage MessageFromEnd(IReadOnlyList<ConversationTurn> turns, int position)
    {
        var turn = turns[turns.Count - 1 - (position / 2)];
        return position % 2 == 0 ? turn.Assistant : turn.User;
    }
}
