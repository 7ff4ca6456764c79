using DigitalTwin.Conversations;

namespace DigitalTwin.Benchmarks.Support;

/// <summary>Turns shaped like a real conversation's: a short question and a paragraph of answer.</summary>
internal static class Turns
{
    public static ConversationTurn Make(int n, DateTimeOffset at) => new(
        Guid.NewGuid().ToString("N"),
        new ConversationMessage(ConversationRole.User, $"Question {n}: what did you work on before this job, and what did you learn there?", at),
        new ConversationMessage(ConversationRole.Assistant, $"Answer {n}: " + string.Concat(Enumerable.Repeat("I worked on web APIs and data pipelines. ", 8)), at))
    {
        Metadata = new TurnMetadata { Model = "gpt-4o-mini", Provider = "openai", InputTokens = 850, OutputTokens = 120, Latency = TimeSpan.FromMilliseconds(640), FinishReason = "stop" },
    };

    public static IReadOnlyList<ConversationTurn> Many(int count)
    {
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(1, count).Select(n => Make(n, at.AddMinutes(n))).ToArray();
    }
}
