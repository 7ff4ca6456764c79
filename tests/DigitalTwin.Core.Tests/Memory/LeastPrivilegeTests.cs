using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using DigitalTwin.Notifications;
using DigitalTwin.Owner;
using DigitalTwin.Providers;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The Lambda sample's IAM, proven on moto with IAM enforced: a user holding exactly the statements template.yaml gives
/// the function (translated by the SAM translator and resolved for this bucket or table by tests/tools/moto/least_privilege.py,
/// not copied here) chats, continues, reads history, retries an idempotent turn after a failure — its claim released at
/// once, not left to lapse — reads analytics, stores a lead once, delivers its notification from the outbox (claiming it
/// first) and lists it, on each store, with nothing denied. moto authorizes DynamoDB actions
/// against the resource "*" only, so there the user gets the template's exact actions on "*" (the script says why);
/// that the template scopes them to the stack's table is checked on the template (SamTemplateTests).
/// </summary>
[Trait("Category", ExternalTool.Category)]
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private const string Bucket = "twin-memory";
    private readonly string _table = DynaliteFixture.NewTableName();
    private readonly ListLogger _log = new();
    private NodeServer _moto = null!;

    public async Task InitializeAsync() =>
        _moto = await MotoFixture.StartMotoAsync(NodeTools.FreePort(), unauthenticatedActions: 6); // least_privilege.py's six IAM calls

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    [Theory]
    [InlineData("S3")]
    [InlineData("DynamoDB")]
    public async Task FunctionWithTheTemplatesStatements_CanDoEverythingTheSampleDoes(string memoryStore)
    {
        var (admin, function) = await CreateUsersAsync(memoryStore);
        var store = await CreateStoreAsync(memoryStore, admin, function); // the service provider disposes it
        var model = new FakeChatClient();
        await using var webhook = await LoopbackServer.StartAsync();
        webhook.Handler = c => { c.Response.StatusCode = 200; return Task.CompletedTask; };
        using var services = Services(model, store, new Uri(webhook.BaseAddress, "hook"));
        var twin = services.GetRequiredService<IDigitalTwin>();

        var first = await twin.ChatAsync(new TwinChatRequest("Hi"));
        await twin.ChatAsync(new TwinChatRequest("Tell me more", first.SessionId));
        var history = await twin.GetConversationAsync(first.SessionId);
        model.Throw = new ChatProviderException(ChatProviderFailure.Unavailable, "503");
        await Assert.ThrowsAsync<ChatProviderException>(() => twin.ChatAsync(new TwinChatRequest("Retry me", first.SessionId) { TurnId = "k1" }));
        // The turn's claim is released after the failure (the retry need not wait for the lease); the key's binding stays.
        Assert.Equal((0, 1), await ClaimsLeftAsync(memoryStore, admin));
        model.Throw = null;
        var retry = await twin.ChatAsync(new TwinChatRequest("Retry me", first.SessionId) { TurnId = "k1" });
        var replay = await twin.ChatAsync(new TwinChatRequest("Retry me", first.SessionId) { TurnId = "k1" });
        var now = DateTimeOffset.UtcNow;
        var lead = OwnerRecordSamples.Lead(now, new ConversationKey(DigitalTwinDefaults.TwinName, first.SessionId), turnId: "lead-turn");
        var stored = await store.GetService<IOwnerRecords>()!.TryAddAsync(lead);
        var storedTwice = await store.GetService<IOwnerRecords>()!.TryAddAsync(lead);
        var delivered = await services.GetRequiredService<IOwnerNotifier>().DeliverPendingAsync();
        var records = await services.GetRequiredService<IOwnerRecordsReader>().ReadAsync(DigitalTwinDefaults.TwinName, now.AddDays(-1), now.AddDays(1));
        var report = await services.GetRequiredService<IConversationAnalytics>().SummarizeAsync(DigitalTwinDefaults.TwinName, now.AddDays(-1), now.AddDays(1));

        Assert.Equal(4, history.Count);
        Assert.False(retry.IsReplay);
        Assert.True(replay.IsReplay);
        Assert.Equal((1, 3L), (report.Conversations, report.Turns));
        Assert.Equal((true, false, 1, 1), (stored, storedTwice, delivered, report.Leads)); // records, the outbox, the notify claim and the listing
        Assert.NotNull(Assert.Single(records).NotifiedAt);
        Assert.Empty(await store.GetService<IOwnerRecords>()!.ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync());
        Assert.Single(webhook.Requests);
        // Only the model failure the test caused may be logged (the twin's 2002, and Microsoft.Extensions.AI's logging and telemetry layers).
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning && e.EventId.Id != 2002 && e.Exception is not DigitalTwin.Providers.ChatProviderException);
    }

    private async Task<(AWSCredentials Admin, AWSCredentials Function)> CreateUsersAsync(string memoryStore)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "tools", "moto", "least_privilege.py");
        var template = Path.Combine(RepositoryRoot.Path, "samples", "DigitalTwin.Sample.Lambda", "template.yaml");
        var (exit, output, error) = await ExternalTool.RunAsync("python3", [script, _moto.Url, template, memoryStore, Bucket, _table]);
        Assert.True(exit == 0, $"least_privilege.py failed ({exit}):\n{error}");
        using var users = JsonDocument.Parse(output);
        Assert.NotEmpty(users.RootElement.GetProperty("statements").EnumerateArray());
        AWSCredentials User(string name) => new BasicAWSCredentials(
            users.RootElement.GetProperty(name).GetProperty("key").GetString(), users.RootElement.GetProperty(name).GetProperty("secret").GetString());
        return (User("admin"), User("function"));
    }

    /// <summary>Creates the bucket or table as the admin (as the stack would), then a store that acts as the function.</summary>
    private async Task<IConversationStore> CreateStoreAsync(string memoryStore, AWSCredentials admin, AWSCredentials function)
    {
        if (memoryStore == "S3")
        {
            var options = new S3StoreOptions { Bucket = Bucket, ServiceUrl = _moto.Url, Region = "us-east-1" };
            using (var s3 = S3ClientFactory.Create(options, admin))
            {
                await s3.PutBucketAsync(Bucket);
            }

            return new S3ConversationStore(S3ClientFactory.Create(options, function), ownsClient: true, options, TimeProvider.System, _log);
        }

        var table = new DynamoDbStoreOptions { TableName = _table, ServiceUrl = _moto.Url, Region = "us-east-1", Retention = TimeSpan.FromDays(30) };
        using (var dynamo = DynamoDbClientFactory.Create(table, admin))
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = _table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S), new(DynamoDbTurnIndex.DayAttribute, ScalarAttributeType.S)],
                KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
                GlobalSecondaryIndexes = [DynamoDbTurnIndex.Definition(table)],
            });
        }

        return new DynamoDbConversationStore(DynamoDbClientFactory.Create(table, function), ownsClient: true, table, TimeProvider.System, _log);
    }

    /// <summary>The default twin's turn claims left in the store, and the Idempotency-Key bindings (claims of the pseudo-twin <c>_00keys</c>).</summary>
    private async Task<(int TurnClaims, int KeyBindings)> ClaimsLeftAsync(string memoryStore, AWSCredentials admin)
    {
        if (memoryStore == "S3")
        {
            using var s3 = S3ClientFactory.Create(new S3StoreOptions { Bucket = Bucket, ServiceUrl = _moto.Url, Region = "us-east-1" }, admin);
            var claims = (await s3.ListObjectsV2Async(new() { BucketName = Bucket, Prefix = "_claims/" })).S3Objects ?? [];
            return (claims.Count(o => o.Key.StartsWith("_claims/default/", StringComparison.Ordinal)), claims.Count(o => o.Key.StartsWith("_claims/_00keys/", StringComparison.Ordinal)));
        }

        using var dynamo = DynamoDbClientFactory.Create(new DynamoDbStoreOptions { TableName = _table, ServiceUrl = _moto.Url, Region = "us-east-1" }, admin);
        var items = (await dynamo.ScanAsync(new ScanRequest { TableName = _table })).Items.Where(i => i["pk"].S.EndsWith("#claims", StringComparison.Ordinal)).ToList();
        return (items.Count(i => i["pk"].S.StartsWith("default#", StringComparison.Ordinal)), items.Count(i => i["pk"].S.StartsWith("_00keys#", StringComparison.Ordinal)));
    }

    private ServiceProvider Services(FakeChatClient model, IConversationStore store, Uri webhook)
    {
        var services = new ServiceCollection();
        services.Configure<OwnerNotificationOptions>(DigitalTwinDefaults.TwinName, o => o.WebhookUrl = webhook);
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(_log)));
        services.AddDigitalTwin(o =>
        {
            o.PersonaDirectory = PersonaFolder.Sample;
            o.Resilience.MaxRetries = 0;
        }).UseChatClient(model).UseStore(_ => store);
        return services.BuildServiceProvider();
    }
}
