using System.Runtime.CompilerServices;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// The DynamoDB store's index of turns by time (<see cref="ITurnIndex"/>): every turn item carries <c>day</c> =
/// <c>{twin}#{yyyy-MM-dd}</c> (UTC day of the answer) and <c>meta</c> = its <see cref="TurnRecord"/> JSON, written with the
/// turn in the same PutItem; a global secondary index (<see cref="DynamoDbStoreOptions.TurnIndexName"/>: partition key
/// <c>day</c>, sort key <c>sk</c>, projection INCLUDE <c>meta</c>) is queried one day at a time.
/// </summary>
internal sealed partial class DynamoDbTurnIndex(IAmazonDynamoDB dynamo, DynamoDbStoreOptions options, DynamoDbTable table, ILogger logger) : ITurnIndex
{
    public const string DayAttribute = "day";

    public const string MetaAttribute = "meta";

    /// <summary>The index attributes of <paramref name="turn"/>, stored in the conversation <paramref name="key"/>.</summary>
    public static DynamoDbTurnIndexEntry Entry(ConversationKey key, ConversationTurn turn)
    {
        var record = TurnRecord.Of(key, turn);
        return new(Day(key.TwinStorageName, TurnIndexDays.Of(record.Timestamp)), Encoding.UTF8.GetString(StoredJson.Serialize(record)));
    }

    /// <summary>The index's definition, as <see cref="DynamoDbStoreOptions.CreateTableIfMissing"/> creates it (on-demand billing).</summary>
    public static GlobalSecondaryIndex Definition(DynamoDbStoreOptions options) => new()
    {
        IndexName = options.TurnIndexName,
        KeySchema = [new(DayAttribute, KeyType.HASH), new("sk", KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = [MetaAttribute] },
    };

    /// <summary>Queries the index day by day over [since, until), keeping the turns whose answer lies in the period.</summary>
    public async IAsyncEnumerable<TurnRecord> ReadTurnsAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var twinStorageName = DigitalTwinDefaults.ToStorageName(twin);
        foreach (var day in TurnIndexDays.Between(since, until))
        {
            var partition = Day(twinStorageName, day);
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var from = start;
                var page = await AwsStoreCall.RunAsync($"Listing turns of {partition} in DynamoDB table {options.TableName}", options.Timeout, async ct =>
                {
                    await table.EnsureReadyAsync(ct).ConfigureAwait(false);
                    return await QueryAsync(dynamo, options, partition, from, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items ?? [])
                {
                    var record = item.TryGetValue(MetaAttribute, out var meta) && meta.S is { } json ? StoredJson.TryReadTurnRecord(Encoding.UTF8.GetBytes(json)) : null;
                    if (record is null)
                    {
                        LogUnreadableIndexItem(logger, options.TableName, partition, item.TryGetValue("sk", out var sk) ? sk.S : null);
                    }
                    else if (TurnIndexDays.Contains(since, until, record.Timestamp))
                    {
                        yield return record;
                    }
                }

                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }
    }

    private static string Day(string twinStorageName, string day) => $"{twinStorageName}#{day}";

    private static async Task<QueryResponse> QueryAsync(
        IAmazonDynamoDB dynamo, DynamoDbStoreOptions options, string partition, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken)
    {
        try
        {
            return await dynamo.QueryAsync(new QueryRequest
            {
                TableName = options.TableName,
                IndexName = options.TurnIndexName,
                KeyConditionExpression = "#day = :day",
                ExpressionAttributeNames = new() { ["#day"] = DayAttribute },
                ExpressionAttributeValues = new() { [":day"] = new AttributeValue { S = partition } },
                Limit = options.TurnIndexPageSize,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException ex) when (IsMissingIndex(ex))
        {
            throw new ConversationStoreException(ConversationStoreFailure.Unavailable,
                $"DynamoDB table {options.TableName} has no global secondary index '{options.TurnIndexName}', which listing turns by time (analytics) queries. " +
                $"Add it with partition key '{DayAttribute}' (S), sort key 'sk' (S) and projection INCLUDE ['{MetaAttribute}'] (docs/memory.md, \"Listing turns by time\"), " +
                $"for example: aws dynamodb update-table --table-name {options.TableName} --attribute-definitions AttributeName={DayAttribute},AttributeType=S AttributeName=sk,AttributeType=S " +
                $"--global-secondary-index-updates '[{{\"Create\":{{\"IndexName\":\"{options.TurnIndexName}\",\"KeySchema\":[{{\"AttributeName\":\"{DayAttribute}\",\"KeyType\":\"HASH\"}},{{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}}]," +
                $"\"Projection\":{{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"{MetaAttribute}\"]}}}}}}]'. Or set TurnIndexName to the index the table has. DynamoDB answered: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Whether a query failed because the table lacks the index: DynamoDB (and dynalite) answer ValidationException "…does
    /// not have the specified index"; moto answers ResourceNotFoundException "Invalid index…" (a missing table is also
    /// ResourceNotFoundException, without the word "index").
    /// </summary>
    private static bool IsMissingIndex(AmazonDynamoDBException ex) => ex.ErrorCode switch
    {
        "ValidationException" => ex.Message.Contains("specified index", StringComparison.OrdinalIgnoreCase),
        "ResourceNotFoundException" => ex.Message.Contains("index", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    [LoggerMessage(EventId = 4211, Level = LogLevel.Warning, Message = "DynamoDB store: index item {Day}/{Sk} in table {Table} has no readable turn record (meta); it is skipped")]
    private static partial void LogUnreadableIndexItem(ILogger logger, string table, string day, string? sk);
}
