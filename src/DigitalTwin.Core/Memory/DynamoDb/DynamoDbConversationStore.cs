using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// Keeps each turn as one DynamoDB item: <c>pk</c> = <c>{twin}#{session hash}</c>, <c>sk</c> = <c>{ticks:D19}-{random}</c>
/// (ascending with time, unique), <c>turn</c> = the turn's JSON, and optionally a TTL attribute. Writes are conditional
/// PutItems (<c>attribute_not_exists(pk)</c>), so concurrent writers never replace an item; a window read is one Query,
/// newest first, limited to the window.
/// </summary>
internal sealed partial class DynamoDbConversationStore : IConversationStore, IDisposable
{
    /// <summary>DynamoDB's item size limit (400 KB), counted as attribute names plus values in UTF-8.</summary>
    internal const int MaxItemBytes = 400 * 1024;

    private readonly IAmazonDynamoDB dynamo;
    private readonly bool ownsClient;
    private readonly DynamoDbStoreOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly DynamoDbTable _table;
    private readonly DynamoDbTurnClaims _claims;
    private readonly DynamoDbTurnIndex _index;
    private readonly DynamoDbOwnerRecords _records;

    public DynamoDbConversationStore(IAmazonDynamoDB dynamo, bool ownsClient, DynamoDbStoreOptions options, TimeProvider time, ILogger logger)
    {
        (this.dynamo, this.ownsClient, this.options, this.time, this.logger) = (dynamo, ownsClient, options, time, logger);
        _table = new DynamoDbTable(dynamo, options, logger);
        _claims = new DynamoDbTurnClaims(dynamo, _table, options, time);
        _index = new DynamoDbTurnIndex(dynamo, options, _table, logger);
        _records = new DynamoDbOwnerRecords(dynamo, _table, options);
    }

    public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var body = Encoding.UTF8.GetString(StoredJson.Serialize(turn));
        var pk = PartitionKey(key);
        var index = DynamoDbTurnIndex.Entry(key, turn); // written with the turn, in the same item
        var size = DynamoDbItems.Size(options, pk, body, index);
        if (size > MaxItemBytes)
        {
            throw new ConversationStoreException(ConversationStoreFailure.TurnTooLarge,
                $"The turn would be a {size:N0}-byte DynamoDB item; DynamoDB items hold at most {MaxItemBytes:N0} bytes. Nothing was written: shorten the messages or use the S3 store.");
        }

        return new(AwsStoreCall.RunAsync($"Writing a turn to DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await _table.EnsureReadyAsync(ct).ConfigureAwait(false);
            var sortKey = NewSortKey();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await dynamo.PutItemAsync(DynamoDbItems.Put(options, time, pk, sortKey, body, index), ct).ConfigureAwait(false);
                    return;
                }
                catch (ConditionalCheckFailedException ex) when (attempt < 3)
                {
                    if (ex.Item?.TryGetValue("turn", out var stored) == true && stored.S == body)
                    {
                        return; // our own write landed and the SDK retried after losing the answer
                    }

                    sortKey = NewSortKey(); // another writer holds this key (practically impossible): take a fresh one
                }
            }
        }, cancellationToken));
    }

    public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
    {
        var pk = PartitionKey(key);
        return AwsStoreCall.ReadLatestAsync(maxTurns, $"Reading DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await _table.EnsureReadyAsync(ct).ConfigureAwait(false);
            var newestFirst = new List<ConversationTurn>(Math.Min(maxTurns, 1000));
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await dynamo.QueryAsync(new QueryRequest
                {
                    TableName = options.TableName,
                    KeyConditionExpression = "pk = :pk",
                    ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
                    ScanIndexForward = false,
                    Limit = Math.Min(maxTurns - newestFirst.Count, 1000),
                    ExclusiveStartKey = start,
                }, ct).ConfigureAwait(false);
                foreach (var item in page.Items ?? [])
                {
                    if (item.TryGetValue("turn", out var value) && value.S is { } json && StoredJson.TryReadTurn(Encoding.UTF8.GetBytes(json)) is { } turn)
                    {
                        newestFirst.Add(turn);
                    }
                    else
                    {
                        LogUnreadableItem(logger, options.TableName, pk, item.TryGetValue("sk", out var sk) ? sk.S : null);
                    }
                }

                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null && newestFirst.Count < maxTurns);

            newestFirst.Reverse();
            return newestFirst;
        }, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => this.GetCapability(serviceType, serviceKey, _claims, _index, _records);

    public void Dispose()
    {
        _table.Dispose();
        if (ownsClient)
        {
            dynamo.Dispose();
        }
    }

    private static string PartitionKey(ConversationKey key) => $"{key.TwinStorageName}#{key.SessionId.StorageName}";

    private string NewSortKey() => TurnSequence.Ascending(TurnSequence.NextTicks(time));

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "DynamoDB store: item {Pk}/{Sk} in table {Table} is not a readable turn; it is skipped")]
    private static partial void LogUnreadableItem(ILogger logger, string table, string pk, string? sk);
}
