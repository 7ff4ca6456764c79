using Amazon.DynamoDBv2.Model;
using DigitalTwin.Memory.DynamoDb;
using Microsoft.Extensions.Time.Testing;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>What the DynamoDB store does beyond the contract: item layout, size limit, TTL and request cost.</summary>
[Collection(DynaliteTests.Name)]
public sealed class DynamoDbStoreBehaviourTests(DynaliteFixture dynamo)
{
    [Fact]
    public async Task OversizedTurn_ThrowsTurnTooLargeBeforeWriting_AndLeavesNothing()
    {
        var http = new RecordingHttpClientFactory();
        using var store = DynaliteFixture.CreateStore(dynamo.Options(), http);
        var key = new ConversationKey("default", SessionId.New());

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(key, Turn("q", new string('é', 210_000))));

        Assert.Equal(ConversationStoreFailure.TurnTooLarge, ex.Failure);
        Assert.Contains("409,600", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(http.Requests, r => r.Header("X-Amz-Target")?.EndsWith(".PutItem", StringComparison.Ordinal) == true);
        Assert.Empty(await store.ReadAllAsync(key));
    }

    [Fact]
    public async Task TurnJustUnderTheItemLimit_IsStored()
    {
        using var store = DynaliteFixture.CreateStore(dynamo.Options());
        var key = new ConversationKey("default", SessionId.New());
        var answer = new string('x', 390_000);

        await store.AppendAsync(key, Turn("q", answer));

        Assert.Equal(answer, Assert.Single(await store.ReadAllAsync(key)).Assistant.Content);
    }

    [Fact]
    public async Task Retention_WritesTheTtlAttributeAsEpochSeconds()
    {
        var options = dynamo.Options();
        options.Retention = TimeSpan.FromDays(30);
        using var store = DynaliteFixture.CreateStore(options, time: new FakeTimeProvider(T0));
        var key = new ConversationKey("Alice", SessionId.New());

        await store.AppendAsync(key, Turn("remember me"));

        var item = Assert.Single(await ItemsAsync(options.TableName, key));
        Assert.Equal(T0.AddDays(30).ToUnixTimeSeconds().ToString(), item["expires_at"].N);
        Assert.Equal($"_41lice#{key.SessionId.StorageName}", item["pk"].S);
        Assert.Matches("^[0-9]{19}-[0-9a-f]{16}$", item["sk"].S);
        Assert.Contains("remember me", item["turn"].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutRetention_NoTtlAttributeIsWritten()
    {
        var options = dynamo.Options();
        using var store = DynaliteFixture.CreateStore(options);
        var key = new ConversationKey("default", SessionId.New());

        await store.AppendAsync(key, Turn("keep"));

        Assert.False(Assert.Single(await ItemsAsync(options.TableName, key)).ContainsKey("expires_at"));
    }

    [Fact]
    public async Task WindowRead_CostsOneQuery()
    {
        var http = new RecordingHttpClientFactory();
        using var store = DynaliteFixture.CreateStore(dynamo.Options(), http);
        var key = new ConversationKey("default", SessionId.New());
        for (var i = 0; i < 30; i++)
        {
            await store.AppendAsync(key, Turn($"u{i}"));
        }

        http.Clear();
        var window = await store.ReadLatestAsync(key, 10);

        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"u{i}"), window.Select(t => t.User.Content));
        Assert.Equal("DynamoDB_20120810.Query", Assert.Single(http.Requests).Header("X-Amz-Target"));
    }

    [Fact]
    public async Task AppendsInTheSameClockTick_KeepTheirOrder()
    {
        using var store = DynaliteFixture.CreateStore(dynamo.Options(), time: new FakeTimeProvider(T0));
        var key = new ConversationKey("default", SessionId.New());
        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync(key, Turn($"u{i}"));
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"u{i}"), (await store.ReadAllAsync(key)).Select(t => t.User.Content));
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string table, ConversationKey key)
    {
        var response = await dynamo.RawClient.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = $"{key.TwinStorageName}#{key.SessionId.StorageName}" } },
        });
        return response.Items ?? [];
    }
}
