using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.Aws;
using DigitalTwin.Owner;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// The DynamoDB store's owner records, in a partition per record, <c>pk</c> = <c>{twin}#records#{id}</c> (apart from every
/// conversation and claim): the record item (<c>sk</c> = <c>record</c>) is a PutItem conditioned on
/// <c>attribute_not_exists(pk)</c>, so of several hosts adding one record exactly one succeeds; its <c>day</c> attribute
/// (<c>{twin}#records#{yyyy-MM-dd}</c>) and <c>meta</c> (the record JSON) put it in the turns-by-day index, so a period is
/// listed with one index Query per day and no new index. Until the owner is notified, a pending item (<c>sk</c> =
/// <c>outbox</c>, <c>day</c> = <c>{twin}#records#outbox</c>) puts it in the outbox; <see cref="MarkNotifiedAsync"/>
/// deletes it, so the outbox holds only pending records. The index is eventually consistent, so every outbox entry is
/// checked against its record with a consistent Query. Records carry no TTL: they are kept until the owner deletes them.
/// Needs only the actions the store already uses (PutItem, DeleteItem, Query on the table and the index).
/// </summary>
internal sealed class DynamoDbOwnerRecords(IAmazonDynamoDB dynamo, DynamoDbTable table, DynamoDbStoreOptions options) : IOwnerRecords
{
    private const string RecordSortKey = "record";
    private const string OutboxSortKey = "outbox";
    private const string NotifiedAttribute = "notified";

    public ValueTask<bool> TryAddAsync(OwnerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        return new(AwsStoreCall.RunAsync($"Adding an owner record to DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await table.EnsureReadyAsync(ct).ConfigureAwait(false);
            OwnerRecord current;
            bool added;
            try
            {
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = Item(record, RecordSortKey, Partition(record.Conversation.TwinStorageName, TurnIndexDays.Of(record.CreatedAt))),
                    ConditionExpression = "attribute_not_exists(pk)",
                }, ct).ConfigureAwait(false);
                (current, added) = (record, true);
            }
            catch (ConditionalCheckFailedException)
            {
                // Already there (another host, or this very write retried by the SDK after its answer was lost).
                (current, added) = (await ReadRecordAsync(record.Conversation.TwinStorageName, record.Id, ct).ConfigureAwait(false) ?? record, false);
            }

            if (current.NotifiedAt is null)
            {
                // Again on a repeated add, when an earlier one stopped between the record and its outbox entry.
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = Item(current, OutboxSortKey, Partition(current.Conversation.TwinStorageName, OutboxSortKey)),
                }, ct).ConfigureAwait(false);
            }

            return added;
        }, cancellationToken));
    }

    public IAsyncEnumerable<OwnerRecord> ReadAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var storage = DigitalTwinDefaults.ToStorageName(twin);
        return TurnIndexDays.Between(since, until).ToAsyncEnumerable()
            .SelectMany(day => QueryIndexAsync(Partition(storage, day), cancellationToken))
            .Where(r => TurnIndexDays.Contains(since, until, r.CreatedAt));
    }

    public async IAsyncEnumerable<OwnerRecord> ReadUnnotifiedAsync(string twin, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var storage = DigitalTwinDefaults.ToStorageName(twin);
        await foreach (var pending in QueryIndexAsync(Partition(storage, OutboxSortKey), cancellationToken).ConfigureAwait(false))
        {
            var id = pending.Id;
            var current = await AwsStoreCall.RunAsync($"Reading owner record {id} in DynamoDB table {options.TableName}", options.Timeout,
                ct => ReadRecordAsync(storage, id, ct), cancellationToken).ConfigureAwait(false);
            if (current is { NotifiedAt: null })
            {
                yield return current;
            }
        }
    }

    public ValueTask MarkNotifiedAsync(OwnerRecord record, DateTimeOffset notifiedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        var storage = record.Conversation.TwinStorageName;
        return new(AwsStoreCall.RunAsync($"Marking owner record {record.Id} notified in DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await table.EnsureReadyAsync(ct).ConfigureAwait(false);
            var notified = record with { NotifiedAt = notifiedAt };
            var item = Item(notified, RecordSortKey, Partition(storage, TurnIndexDays.Of(record.CreatedAt)));
            item[NotifiedAttribute] = new() { N = notifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) };
            try
            {
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#notified)",
                    ExpressionAttributeNames = new() { ["#notified"] = NotifiedAttribute },
                }, ct).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                // Notified before: the first time stays.
            }

            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = options.TableName, Key = Key(storage, record.Id, OutboxSortKey) }, ct).ConfigureAwait(false);
        }, cancellationToken));
    }

    private static string Partition(string twinStorageName, string suffix) => $"{twinStorageName}#records#{suffix}";

    private static Dictionary<string, AttributeValue> Key(string twinStorageName, string id, string sortKey) => new()
    {
        ["pk"] = new() { S = Partition(twinStorageName, id) },
        ["sk"] = new() { S = sortKey },
    };

    private static Dictionary<string, AttributeValue> Item(OwnerRecord record, string sortKey, string day) =>
        new(Key(record.Conversation.TwinStorageName, record.Id, sortKey))
        {
            [DynamoDbTurnIndex.DayAttribute] = new() { S = day },
            [DynamoDbTurnIndex.MetaAttribute] = new() { S = Encoding.UTF8.GetString(StoredJson.Serialize(record)) },
        };

    private static OwnerRecord? Parse(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(DynamoDbTurnIndex.MetaAttribute, out var meta) && meta.S is { } json ? StoredJson.TryReadOwnerRecord(Encoding.UTF8.GetBytes(json)) : null;

    /// <summary>The record item, read consistently (a Query of its partition: the store's policy has no GetItem).</summary>
    private async Task<OwnerRecord?> ReadRecordAsync(string twinStorageName, string id, CancellationToken cancellationToken)
    {
        await table.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var page = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = options.TableName,
            KeyConditionExpression = "pk = :pk AND sk = :sk",
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = Partition(twinStorageName, id) },
                [":sk"] = new AttributeValue { S = RecordSortKey },
            },
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return (page.Items ?? []).Select(Parse).FirstOrDefault(r => r is not null);
    }

    private async IAsyncEnumerable<OwnerRecord> QueryIndexAsync(string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var from = start;
            var page = await AwsStoreCall.RunAsync($"Listing owner records of {partition} in DynamoDB table {options.TableName}", options.Timeout, async ct =>
            {
                await table.EnsureReadyAsync(ct).ConfigureAwait(false);
                return await dynamo.QueryAsync(new QueryRequest
                {
                    TableName = options.TableName,
                    IndexName = options.TurnIndexName,
                    KeyConditionExpression = "#day = :day",
                    ExpressionAttributeNames = new() { ["#day"] = DynamoDbTurnIndex.DayAttribute },
                    ExpressionAttributeValues = new() { [":day"] = new AttributeValue { S = partition } },
                    ExclusiveStartKey = from,
                }, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            foreach (var record in (page.Items ?? []).Select(Parse).OfType<OwnerRecord>())
            {
                yield return record;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }
}
