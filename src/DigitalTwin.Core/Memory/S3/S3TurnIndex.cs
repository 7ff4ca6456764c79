using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// The S3 store's index of turns by time (<see cref="ITurnIndex"/>): after a turn is stored, one small object per turn under
/// <c>{KeyPrefix}_index/{twin}/{yyyy-MM-dd}/</c> whose key carries the turn's <see cref="TurnRecord"/> (see
/// <see cref="S3TurnIndexKeys"/>), so listing a day is ListObjectsV2 pages of up to 1,000 records, with no GET per turn.
/// </summary>
internal sealed partial class S3TurnIndex(IAmazonS3 s3, S3StoreOptions options, ILogger logger) : ITurnIndex
{
    /// <summary>
    /// Writes the index entry of a turn that is already stored. Never throws: the turn is acknowledged either way, so a failed
    /// entry is logged (the turn is then missing from analytics, not from the conversation).
    /// </summary>
    public async Task WriteAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken)
    {
        if (!options.WriteTurnIndex)
        {
            return;
        }

        var record = TurnRecord.Of(key, turn);
        var json = StoredJson.Serialize(record);
        var objectKey = S3TurnIndexKeys.For(options, key.TwinStorageName, record, json);
        try
        {
            await s3.PutObjectAsync(S3Requests.Put(options, objectKey, json), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // The key is new and random: only this very write, landed and then retried by the SDK, can hold it.
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            LogIndexEntryNotWritten(logger, ex, options.Bucket, S3TurnIndexKeys.DayPrefix(options, key.TwinStorageName, TurnIndexDays.Of(record.Timestamp)), ex.GetType().Name);
        }
    }

    /// <summary>Lists the twin's index entries day by day over [since, until), keeping those whose answer lies in the period.</summary>
    public async IAsyncEnumerable<TurnRecord> ReadTurnsAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var twinStorageName = DigitalTwinDefaults.ToStorageName(twin);
        foreach (var day in TurnIndexDays.Between(since, until))
        {
            var prefix = S3TurnIndexKeys.DayPrefix(options, twinStorageName, day);
            string? continuation = null;
            do
            {
                var token = continuation;
                var (records, next) = await AwsStoreCall.RunAsync(
                    $"Listing turns in s3://{options.Bucket}/{prefix}", options.Timeout, ct => ReadPageAsync(s3, options, logger, prefix, token, ct), cancellationToken).ConfigureAwait(false);
                foreach (var record in records)
                {
                    if (TurnIndexDays.Contains(since, until, record.Timestamp))
                    {
                        yield return record;
                    }
                }

                continuation = next;
            }
            while (continuation is not null);
        }
    }

    /// <summary>One ListObjectsV2 page of a day: records decoded from the keys, plus GETs of entries whose key carries none.</summary>
    private static async Task<(IReadOnlyCollection<TurnRecord> Records, string? Next)> ReadPageAsync(
        IAmazonS3 s3, S3StoreOptions options, ILogger logger, string prefix, string? continuation, CancellationToken cancellationToken)
    {
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = options.Bucket,
            Prefix = prefix,
            MaxKeys = options.TurnIndexPageSize,
            ContinuationToken = continuation,
        }, cancellationToken).ConfigureAwait(false);

        var records = new ConcurrentBag<TurnRecord>();
        var withoutRecord = new List<string>();
        foreach (var objectKey in (page.S3Objects ?? []).Select(o => o.Key))
        {
            if (!S3TurnIndexKeys.TryDecode(objectKey, prefix, out var record))
            {
                withoutRecord.Add(objectKey);
            }
            else if (record is null)
            {
                LogUnreadableIndexEntry(logger, options.Bucket, objectKey);
            }
            else
            {
                records.Add(record);
            }
        }

        await Parallel.ForEachAsync(
            withoutRecord,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelReads, CancellationToken = cancellationToken },
            async (objectKey, ct) =>
            {
                var body = await S3Objects.GetBytesAsync(s3, options.Bucket, objectKey, ct).ConfigureAwait(false);
                if (body is null)
                {
                    return; // removed (by a lifecycle rule) between list and get
                }

                if (StoredJson.TryReadTurnRecord(body) is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    LogUnreadableIndexEntry(logger, options.Bucket, objectKey);
                }
            }).ConfigureAwait(false);

        return (records, page.IsTruncated == true ? page.NextContinuationToken : null);
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning,
        Message = "S3 store: a turn was stored, but its index entry under s3://{Bucket}/{DayPrefix} could not be written ({Error}); the turn is kept and read back, but analytics will not list it")]
    private static partial void LogIndexEntryNotWritten(ILogger logger, Exception exception, string bucket, string dayPrefix, string error);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "S3 store: index entry s3://{Bucket}/{Key} is not a readable turn record; it is skipped")]
    private static partial void LogUnreadableIndexEntry(ILogger logger, string bucket, string key);
}
