using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The DynamoDB store when its server dies or stops answering: typed errors, on time.</summary>
[Collection(DynaliteTests.Name)]
public sealed class DynamoDbStoreFaultTests(DynaliteFixture dynamo)
{
    [Fact]
    public async Task ServerKilledMidConversation_AppendAndReadThrowUnavailable()
    {
        await using var server = await NodeServer.StartDynaliteAsync();
        var options = dynamo.Options(url: server.Url);
        options.Timeout = TimeSpan.FromSeconds(5);
        using var store = DynaliteFixture.CreateStore(options);
        var key = new ConversationKey("default", SessionId.New());
        await store.AppendAsync(key, Turn("one"));
        Assert.Single(await store.ReadAllAsync(key));

        await server.KillAsync();

        await AssertUnavailableAsync(store, key);
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutWithinTheConfiguredTimeout()
    {
        using var silent = new SilentServer();
        var options = dynamo.Options(url: silent.Url);
        options.CreateTableIfMissing = false;
        options.Timeout = TimeSpan.FromSeconds(1);
        using var store = DynaliteFixture.CreateStore(options);

        await AssertTimesOutAsync(store);
    }

    [Fact]
    public async Task MissingTableWithoutCreateTableIfMissing_ThrowsUnavailableNamingTheTable()
    {
        var options = dynamo.Options();
        options.CreateTableIfMissing = false;
        using var store = DynaliteFixture.CreateStore(options);

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(async () => await store.AppendAsync(new ConversationKey("default", SessionId.New()), Turn("x")));

        Assert.Equal(ConversationStoreFailure.Unavailable, ex.Failure);
        Assert.Contains(options.TableName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ResourceNotFoundException", ex.Message, StringComparison.Ordinal);
    }
}
