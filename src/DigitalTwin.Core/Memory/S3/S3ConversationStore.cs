using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// Keeps each turn in its own S3 object, <c>{KeyPrefix}{twin}/{session hash}/{long.MaxValue - ticks:D19}-{random}.json</c>.
/// Keys sort newest first, so a window read is one ListObjectsV2 (MaxKeys = window) and parallel GETs. Every append
/// writes a new, unique key, so writers on any number of hosts never overwrite one another and nothing is read first.
/// </summary>
internal sealed partial class S3ConversationStore(
    IAmazonS3 s3, bool ownsClient, S3StoreOptions options, TimeProvider time, ILogger logger) : IConversationStore, IDisposable
{
    private readonly S3TurnClaims _claims = new(s3, options, time);
    private readonly S3TurnIndex _index = new(s3, options, logger);
    private readonly S3OwnerRecords _records = new(s3, options);

    public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var body = StoredJson.Serialize(turn);
        var prefix = SessionPrefix(key);
        return new(AwsStoreCall.RunAsync($"Writing a turn to s3://{options.Bucket}/{prefix}", options.Timeout, async ct =>
        {
            await PutAsync(prefix, body, ct).ConfigureAwait(false);
            await _index.WriteAsync(key, turn, ct).ConfigureAwait(false); // after the turn; never fails the append
        }, cancellationToken));
    }

    public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default)
    {
        var prefix = SessionPrefix(key);
        return AwsStoreCall.ReadLatestAsync(maxTurns, $"Reading s3://{options.Bucket}/{prefix}", options.Timeout, async ct =>
        {
            var keys = new List<string>(Math.Min(maxTurns, 1000)); // newest first
            string? continuation = null;
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = options.Bucket,
                    Prefix = prefix,
                    MaxKeys = Math.Min(1000, maxTurns - keys.Count),
                    ContinuationToken = continuation,
                }, ct).ConfigureAwait(false);
                keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Take(maxTurns - keys.Count));
                continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (continuation is not null && keys.Count < maxTurns);

            var turns = new ConversationTurn?[keys.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, keys.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelReads, CancellationToken = ct },
                async (i, token) => turns[keys.Count - 1 - i] = await ReadTurnAsync(keys[i], token).ConfigureAwait(false)).ConfigureAwait(false);

            var result = new List<ConversationTurn>(keys.Count);
            if (keys.Count < maxTurns && continuation is null && ReadsLegacy(key))
            {
                var legacy = await ReadLegacyAsync(key, ct).ConfigureAwait(false);
                result.AddRange(legacy.Skip(Math.Max(0, legacy.Count - (maxTurns - keys.Count))));
            }

            result.AddRange(turns.OfType<ConversationTurn>());
            return result;
        }, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => this.GetCapability(serviceType, serviceKey, _claims, _index, _records);

    public void Dispose()
    {
        if (ownsClient)
        {
            s3.Dispose();
        }
    }

    private string SessionPrefix(ConversationKey key) => $"{options.KeyPrefix}{key.TwinStorageName}/{key.SessionId.StorageName}/";

    private bool ReadsLegacy(ConversationKey key) =>
        options.ReadLegacyConversations && string.Equals(key.Twin, DigitalTwinDefaults.TwinName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Writes the turn under a new key. A 412 (If-None-Match found the key taken) is almost surely the SDK's retry of our own
    /// write whose answer was lost: when the stored bytes are ours the write is done, else a fresh key is taken.
    /// </summary>
    private async Task PutAsync(string prefix, byte[] body, CancellationToken cancellationToken)
    {
        var objectKey = prefix + TurnSequence.Descending(TurnSequence.NextTicks(time)) + ".json";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await s3.PutObjectAsync(S3Requests.Put(options, objectKey, body), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AmazonS3Exception ex) when (attempt < 3 && ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                if ((await S3Objects.GetBytesAsync(s3, options.Bucket, objectKey, cancellationToken).ConfigureAwait(false))?.AsSpan().SequenceEqual(body) == true)
                {
                    return;
                }

                objectKey = prefix + TurnSequence.Descending(TurnSequence.NextTicks(time)) + ".json";
            }
            catch (AmazonS3Exception ex) when (attempt < 3 && ex.StatusCode == HttpStatusCode.Conflict)
            {
                // A conditional write to the same key was in flight (our own earlier attempt): try the same key again.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ConversationTurn?> ReadTurnAsync(string objectKey, CancellationToken cancellationToken)
    {
        var body = await S3Objects.GetBytesAsync(s3, options.Bucket, objectKey, cancellationToken).ConfigureAwait(false);
        var turn = body is null ? null : StoredJson.TryReadTurn(body);
        if (body is not null && turn is null)
        {
            LogUnreadableObject(logger, options.Bucket, objectKey);
        }

        return turn;
    }

    private async Task<IReadOnlyList<ConversationTurn>> ReadLegacyAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var objectKey = $"{options.KeyPrefix}{key.SessionId.Value}.json"; // the original's key; SessionId admits only [A-Za-z0-9_-]
        var body = await S3Objects.GetBytesAsync(s3, options.Bucket, objectKey, cancellationToken).ConfigureAwait(false);
        var turns = body is null ? [] : LegacyConversation.TryParse(body);
        if (turns is null)
        {
            LogUnreadableObject(logger, options.Bucket, objectKey);
        }

        return turns ?? [];
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "S3 store: object s3://{Bucket}/{Key} is not a readable turn; it is skipped")]
    private static partial void LogUnreadableObject(ILogger logger, string bucket, string key);
}
