namespace DigitalTwin.Core.Tests.Memory;

/// <summary>Reads longer than one listing or query page (1,000 keys or items) continue across pages in order.</summary>
public static class AwsStorePaging
{
    public const int Turns = 1_030;

    public static async Task AssertReadsAcrossPagesAsync(IConversationStore store)
    {
        var key = new ConversationKey("default", SessionId.New());
        await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (w, ct) =>
        {
            for (var i = w; i < Turns; i += 4)
            {
                await store.AppendAsync(key, new ConversationTurn($"t{i}", new(ConversationRole.User, $"u{i}", DateTimeOffset.UtcNow), new(ConversationRole.Assistant, "a", DateTimeOffset.UtcNow)), ct);
            }
        });

        var all = await store.ReadAllAsync(key);
        var window = await store.ReadLatestAsync(key, 1_010);

        Assert.Equal(Turns, all.Select(t => t.TurnId).Distinct().Count());
        Assert.Equal(1_010, window.Count);
        Assert.Equal(all.Skip(Turns - 1_010).Select(t => t.TurnId), window.Select(t => t.TurnId));
        for (var w = 0; w < 4; w++)
        {
            var mine = all.Select(t => int.Parse(t.TurnId[1..])).Where(i => i % 4 == w).ToList();
            Assert.Equal(mine.Order(), mine);
        }
    }
}

[Collection(S3ServerTests.Name)]
public sealed class S3StorePagingTests(S3ServerFixture s3)
{
    [Fact]
    public async Task ConversationLongerThanOneListing_ReadsWholeAndWindowAcrossPages()
    {
        var options = s3.Options(S3ServerFixture.NewPrefix());
        options.WriteTurnIndex = false; // conversation paging only (S3TurnIndexTests page the index); halves the PUTs to s3rver
        using var store = S3ServerFixture.CreateStore(options);
        await AwsStorePaging.AssertReadsAcrossPagesAsync(store);
    }
}

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbStorePagingTests(DynaliteFixture dynamo)
{
    [Fact]
    public async Task ConversationLongerThanOneQueryPage_ReadsWholeAndWindowAcrossPages()
    {
        using var store = DynaliteFixture.CreateStore(dynamo.Options());
        await AwsStorePaging.AssertReadsAcrossPagesAsync(store);
    }
}
