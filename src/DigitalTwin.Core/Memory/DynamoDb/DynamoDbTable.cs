using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// With <see cref="DynamoDbStoreOptions.CreateTableIfMissing"/>, makes sure the table exists (creating it on demand, with
/// the turn index and, when a retention is set, TTL) before the store's first request; otherwise does nothing.
/// </summary>
internal sealed partial class DynamoDbTable(IAmazonDynamoDB dynamo, DynamoDbStoreOptions options, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready = !options.CreateTableIfMissing;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Found: in use, or still being created by another store (a second host, or a peer in this process).
            if ((await dynamo.DescribeTableAsync(options.TableName, cancellationToken).ConfigureAwait(false)).Table?.TableStatus != TableStatus.ACTIVE)
            {
                await WaitUntilActiveAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }
        catch (ResourceNotFoundException)
        {
        }

        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = options.TableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S), new(DynamoDbTurnIndex.DayAttribute, ScalarAttributeType.S)],
                KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
                GlobalSecondaryIndexes = [DynamoDbTurnIndex.Definition(options)],
            }, cancellationToken).ConfigureAwait(false);
            LogCreated(logger, options.TableName);
        }
        catch (ResourceInUseException)
        {
            // Another host created it meanwhile.
        }

        await WaitUntilActiveAsync(cancellationToken).ConfigureAwait(false);
        if (options.Retention is not null)
        {
            try
            {
                await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                {
                    TableName = options.TableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = options.TtlAttributeName, Enabled = true },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException ex)
            {
                // Local servers such as dynalite do not implement UpdateTimeToLive; items still carry the attribute.
                LogTtlNotEnabled(logger, ex, options.TableName, options.TtlAttributeName);
            }
        }
    }

    private async Task WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        while ((await dynamo.DescribeTableAsync(options.TableName, cancellationToken).ConfigureAwait(false)).Table?.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "DynamoDB store: created table {Table} (on-demand billing; CreateTableIfMissing is for development)")]
    private static partial void LogCreated(ILogger logger, string table);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "DynamoDB store: could not turn on TTL for table {Table} on attribute {Attribute}; items are written with it but will not expire until TTL is enabled")]
    private static partial void LogTtlNotEnabled(ILogger logger, Exception exception, string table, string attribute);
}
