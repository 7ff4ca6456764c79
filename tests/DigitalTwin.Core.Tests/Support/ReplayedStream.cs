namespace DigitalTwin.Core.Tests.Support;

/// <summary>What a streamed turn that was answered before looks like to its client.</summary>
internal static class ReplayedStream
{
    /// <summary>
    /// <paramref name="updates"/> are a replay of <paramref name="answer"/>: the session, the whole stored answer as one delta,
    /// and a completion marked as a replay.
    /// </summary>
    public static void AssertReplayOf(string answer, IReadOnlyList<TwinStreamUpdate> updates)
    {
        Assert.Equal([TwinStreamUpdateKind.Session, TwinStreamUpdateKind.Delta, TwinStreamUpdateKind.Completed], updates.Select(u => u.Kind));
        Assert.Equal(answer, updates[1].Text);
        Assert.True(updates[2].IsReplay);
    }
}
