using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.DynamoDb;
using Microsoft.Extensions.Logging;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The DynamoDB store's turn index beyond the contract: the item's index attributes, paging, a table without the index, the size guard.</summary>
[Collection(DynaliteTests.Name)]
public sealed class DynamoDbTurnIndexTests(DynaliteFixture dynamo)
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbStoreOptions _options = dynamo.Options();
    private readonly ListLogger _log = new();

    [Fact]
    public async Task TurnItem_CarriesItsUtcDayAndRecord_ForTheIndex()
    {
        using var store = Store();
        var key = new ConversationKey("Alice", SessionId.New());
        var answered = new DateTimeOffset(2026, 4, 1, 23, 30, 0, TimeSpan.FromHours(-2)); // 2026-04-02 01:30 UTC

        await store.AppendAsync(key, TurnAt(answered, "late"));

        var item = Assert.Single((await dynamo.RawClient.ScanAsync(new ScanRequest { TableName = _options.TableName })).Items);
        Assert.Equal("_41lice#2026-04-02", item["day"].S);
        var record = StoredJson.TryReadTurnRecord(Encoding.UTF8.GetBytes(item["meta"].S));
        Assert.Equal(new TurnRecord(key.SessionId.StorageName, "late", answered) { Metadata = TurnAt(answered, "x").Metadata }, record);
        var index = Assert.Single((await dynamo.RawClient.DescribeTableAsync(_options.TableName)).Table.GlobalSecondaryIndexes);
        Assert.Equal("turns-by-day", index.IndexName);
        Assert.Equal(["day:HASH", "sk:RANGE"], index.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
        Assert.Equal(ProjectionType.INCLUDE, index.Projection.ProjectionType);
        Assert.Equal(["meta"], index.Projection.NonKeyAttributes);
    }

    [Fact]
    public async Task PeriodOverSeveralDays_ListsEveryTurnOnce_PagingThroughEachDay()
    {
        _options.TurnIndexPageSize = 3;
        var http = new RecordingHttpClientFactory();
        using var store = Store(http);
        int[] perDay = [4, 7, 2];
        var expected = await AppendOverDaysAsync(store, "pager", Day1, perDay, minutesApart: 131);

        http.Clear();
        var records = await ReadTurnsAsync(store, "pager", Day1, Day1.AddDays(perDay.Length));

        AssertListsEachOnce(expected, records);
        var queries = http.Requests.Count(r => r.Header("X-Amz-Target") == "DynamoDB_20120810.Query");
        Assert.True(queries >= perDay.Sum(n => (n + 2) / 3), $"{queries} queries cannot have paged through {perDay.Sum()} items three at a time.");
    }

    [Fact]
    public async Task TableWithoutTheIndex_ListingThrowsAnErrorSayingHowToAddIt_WhileTurnsAreStillStored()
    {
        await CreateTableWithoutTheIndexAsync(dynamo.RawClient, _options.TableName);

        _options.CreateTableIfMissing = false;
        using var store = Store();
        var key = new ConversationKey("default", SessionId.New());
        await store.AppendAsync(key, TurnAt(Day1, "stored"));

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(() => ReadTurnsAsync(store, "default", Day1, Day1.AddDays(1)));

        Assert.Single(await store.ReadAllAsync(key));
        Assert.Equal(ConversationStoreFailure.Unavailable, ex.Failure);
        foreach (var part in new[] { _options.TableName, "'turns-by-day'", "partition key 'day' (S)", "sort key 'sk' (S)", "INCLUDE ['meta']", "aws dynamodb update-table", "docs/memory.md" })
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }

        Assert.IsAssignableFrom<AmazonDynamoDBException>(ex.InnerException);
    }

    [Fact]
    public async Task ItemSizeGuard_CountsTheIndexAttributes()
    {
        var http = new RecordingHttpClientFactory();
        using var store = Store(http);
        var model = new string('m', 60_000); // in the turn's JSON and again in meta
        var turn = TurnAt(Day1, "big", model) with { Assistant = new(ConversationRole.Assistant, new string('a', 300_000), Day1) };
        Assert.InRange(StoredJson.Serialize(turn).Length, 0, DynamoDbConversationStore.MaxItemBytes - 40_000); // the turn alone fits

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(new ConversationKey("default", SessionId.New()), turn));

        Assert.Equal(ConversationStoreFailure.TurnTooLarge, ex.Failure);
        Assert.DoesNotContain(http.Requests, r => r.Header("X-Amz-Target")?.EndsWith(".PutItem", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task IndexItemWithoutAReadableRecord_IsSkippedWithAWarning()
    {
        using var store = Store();
        await store.AppendAsync(new ConversationKey("mixed", SessionId.New()), TurnAt(Day1.AddHours(1), "good"));
        await dynamo.RawClient.PutItemAsync(_options.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "mixed#foreign" }, ["sk"] = new() { S = "1" }, ["day"] = new() { S = "mixed#2026-04-01" }, ["meta"] = new() { S = "{not json" },
        });

        var records = await ReadTurnsAsync(store, "mixed", Day1, Day1.AddDays(1));

        Assert.Equal(["good"], records.Select(r => r.TurnId));
        Assert.Equal(4211, Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning).EventId.Id);
    }

    /// <summary>Creates a table as older versions of the store did: keys only, no turn index.</summary>
    internal static async Task CreateTableWithoutTheIndexAsync(IAmazonDynamoDB dynamo, string table)
    {
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        while ((await dynamo.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(20);
        }
    }

    private DynamoDbConversationStore Store(Amazon.Runtime.HttpClientFactory? http = null) =>
        new(DynamoDbClientFactory.Create(_options, DynaliteFixture.Credentials, http), ownsClient: true, _options, TimeProvider.System, _log);
}
