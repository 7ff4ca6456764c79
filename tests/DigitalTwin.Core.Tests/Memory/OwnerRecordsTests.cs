using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The owner records contract for the in-memory store: its "hosts" are requests in one process sharing one store.</summary>
public sealed class InMemoryOwnerRecordsTests : OwnerRecordsContract
{
    private readonly InMemoryConversationStore _store = new();

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(_store);
}

/// <summary>
/// The owner records contract for the file store. Each "host" is a separate store instance over one folder, so only the
/// OS file lock keeps them apart, as between processes.
/// </summary>
public sealed class FileOwnerRecordsTests : OwnerRecordsContract
{
    protected override Task<IConversationStore> CreateStoreAsync() =>
        Task.FromResult<IConversationStore>(new FileConversationStore(new FileStoreOptions { Directory = Folder.Path }, TimeProvider.System));

    [Fact]
    public async Task NotifiedRecords_LeaveTheOutboxFolder_SoItDoesNotGrowWithThem()
    {
        var records = (await CreateStoreAsync()).OwnerRecords();
        var lead = Lead(Monday);
        await records.TryAddAsync(lead);
        var outbox = Path.Combine(Folder.Path, "default", "_records", "outbox");
        Assert.Single(Directory.GetFiles(outbox));

        await records.MarkNotifiedAsync(lead, Monday.AddMinutes(1));

        Assert.Empty(Directory.GetFiles(outbox));
        Assert.Single(Directory.GetFiles(Path.Combine(Folder.Path, "default", "_records"), "*.json"));
    }
}

/// <summary>
/// The owner records contract against moto's S3, which enforces <c>If-None-Match: *</c> (412) as AWS does (s3rver ignores
/// it, so the race could not be decided there). Each "host" is a store with its own client over one bucket and prefix.
/// </summary>
[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class S3OwnerRecordsTests(MotoFixture moto) : OwnerRecordsContract
{
    private readonly string _prefix = S3ServerFixture.NewPrefix();

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Own(S3ServerFixture.CreateStore(moto.S3Options(_prefix))));

    [Fact]
    public async Task NotifiedRecords_LeaveTheOutboxPrefix_AndTheRecordSitsOutsideEverySession()
    {
        var records = (await CreateStoreAsync()).OwnerRecords();
        var lead = Lead(Monday);
        await records.TryAddAsync(lead);
        await records.MarkNotifiedAsync(lead, Monday.AddMinutes(1));

        var keys = ((await moto.RawS3.ListObjectsV2Async(new() { BucketName = S3ServerFixture.Bucket, Prefix = _prefix })).S3Objects ?? []).Select(o => o.Key[_prefix.Length..]);
        Assert.Equal([$"_records/default/{lead.Id}.json", $"_records/default/days/2026-05-04/{lead.Id}"], keys.OrderBy(k => k.Contains("/days/", StringComparison.Ordinal)));
    }
}

/// <summary>The owner records contract against a real DynamoDB API (dynalite and moto): each "host" is a store with its own client over one table.</summary>
public abstract class DynamoDbOwnerRecordsSuite(DynamoDbStoreOptions options, IAmazonDynamoDB raw) : OwnerRecordsContract
{
    [Fact]
    public async Task RecordIsAPartitionOfItsOwn_AndMarkingItNotifiedDeletesItsOutboxItem()
    {
        var records = (await CreateStoreAsync()).OwnerRecords();
        var lead = Lead(Monday);
        await records.TryAddAsync(lead);

        Assert.Equal(["outbox", "record"], (await ItemsAsync()).Select(i => i["sk"].S).Order(StringComparer.Ordinal));
        await records.MarkNotifiedAsync(lead, Monday.AddMinutes(1));

        var item = Assert.Single(await ItemsAsync());
        Assert.Equal(($"default#records#{lead.Id}", "record", "default#records#2026-05-04"), (item["pk"].S, item["sk"].S, item["day"].S));
        Assert.False(item.ContainsKey(options.TtlAttributeName)); // records are kept until the owner deletes them
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync() =>
        (await raw.ScanAsync(new ScanRequest { TableName = options.TableName })).Items;

    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(Own(DynaliteFixture.CreateStore(options)));
}

[Collection(DynaliteTests.Name)]
public sealed class DynamoDbOwnerRecordsTests(DynaliteFixture dynamo) : DynamoDbOwnerRecordsSuite(dynamo.Options(), dynamo.RawClient);

[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class MotoDynamoDbOwnerRecordsTests(MotoFixture moto) : DynamoDbOwnerRecordsSuite(moto.DynamoDbOptions(), moto.RawDynamoDb);
