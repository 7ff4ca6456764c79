using DigitalTwin.Analytics;
using DigitalTwin.Tools;

namespace DigitalTwin.Core.Tests.Tools;

/// <summary>Tool activity in a turn's metadata, in the stored turn JSON and the turn index JSON (file, S3 and DynamoDB share both).</summary>
public sealed class ToolCallMetadataSerializationTests
{
    private static readonly TurnMetadata Metadata = new() { Model = "m", ToolCalls = [new TurnToolCall("record_user_details", "recorded")] };

    [Fact]
    public void StoredTurn_WritesToolCallsAsNameAndOutcome_AndReadsThemBack()
    {
        var at = new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero);
        var turn = new ConversationTurn("t1", new(ConversationRole.User, "hi", at), new(ConversationRole.Assistant, "hello", at)) { Metadata = Metadata };

        var json = Encoding.UTF8.GetString(StoredJson.Serialize(turn));

        Assert.Contains("\"tool_calls\":[{\"name\":\"record_user_details\",\"outcome\":\"recorded\"}]", json);
        Assert.Equal(Metadata, StoredJson.TryReadTurn(Encoding.UTF8.GetBytes(json))!.Metadata);
    }

    [Fact]
    public void TurnIndexRecord_RoundTripsToolCalls_AndOlderRecordsWithoutThemStillRead()
    {
        var record = new TurnRecord("default/s1", "t1", DateTimeOffset.UnixEpoch) { Metadata = Metadata };

        var read = StoredJson.TryReadTurnRecord(StoredJson.Serialize(record))!;
        var older = StoredJson.TryReadTurnRecord("""{"c":"default/s1","id":"t0","ts":"2026-01-01T00:00:00+00:00","meta":{"model":"m"}}"""u8)!;

        Assert.Equal(Metadata, read.Metadata);
        Assert.Null(older.Metadata!.ToolCalls);
    }

    [Fact]
    public void MetadataEquality_ComparesToolCallsByValue()
    {
        Assert.Equal(Metadata, Metadata with { ToolCalls = [new TurnToolCall("record_user_details", "recorded")] });
        Assert.NotEqual(Metadata, Metadata with { ToolCalls = [new TurnToolCall("record_user_details", "failed")] });
        Assert.NotEqual(Metadata, Metadata with { ToolCalls = null });
    }
}
