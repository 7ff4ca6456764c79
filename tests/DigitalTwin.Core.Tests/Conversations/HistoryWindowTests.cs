namespace DigitalTwin.Core.Tests.Conversations;

public sealed class HistoryWindowTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<ConversationTurn> Turns(int count, int chars = 4) => Enumerable.Range(0, count).Select(i => new ConversationTurn(
        $"t{i}",
        new ConversationMessage(ConversationRole.User, $"u{i}".PadRight(chars, '.'), T),
        new ConversationMessage(ConversationRole.Assistant, $"a{i}".PadRight(chars, '.'), T))).ToList();

    [Fact]
    public void DefaultCount_KeepsTheLastTenMessagesStartingWithAUser()
    {
        var window = HistoryWindow.Select(Turns(12), maxMessages: 10, maxTokens: null);

        Assert.Equal(10, window.Count);
        Assert.Equal(ChatRole.User, window[0].Role);
        Assert.StartsWith("u7", window[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("a11", window[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OddCount_NeverStartsWithAnAssistantMessage()
    {
        var window = HistoryWindow.Select(Turns(5), maxMessages: 3, maxTokens: null);

        Assert.Equal(["u4..", "a4.."], window.Select(m => m.Text));
    }

    [Fact]
    public void TokenBudget_DropsOlderMessagesFirstAndStillStartsWithAUser()
    {
        // Each message is 40 bytes ≈ 10 tokens; a budget of 35 fits three, and the oldest of those is an assistant message.
        var window = HistoryWindow.Select(Turns(6, chars: 40), maxMessages: 10, maxTokens: 35);

        Assert.Equal(2, window.Count);
        Assert.Equal(ChatRole.User, window[0].Role);
        Assert.StartsWith("u5", window[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetSmallerThanTheNewestMessage_GivesAnEmptyWindow()
    {
        Assert.Empty(HistoryWindow.Select(Turns(3, chars: 400), maxMessages: 10, maxTokens: 50));
    }

    [Fact]
    public void ZeroMessages_GivesAnEmptyWindow()
    {
        Assert.Empty(HistoryWindow.Select(Turns(3), maxMessages: 0, maxTokens: null));
        Assert.Equal(0, HistoryWindow.TurnsToRead(0));
        Assert.Equal(5, HistoryWindow.TurnsToRead(10));
        Assert.Equal(6, HistoryWindow.TurnsToRead(11));
    }

    [Fact]
    public void TokenEstimate_IsAboutFourUtf8BytesPerToken()
    {
        Assert.Equal(1, HistoryWindow.EstimateTokens("abcd"));
        Assert.Equal(2, HistoryWindow.EstimateTokens("abcde"));
        Assert.Equal(2, HistoryWindow.EstimateTokens("€€")); // 6 bytes
    }
}
