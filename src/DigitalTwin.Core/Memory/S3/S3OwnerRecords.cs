using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.Aws;
using DigitalTwin.Owner;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// The S3 store's owner records, under <c>{KeyPrefix}_records/{twin}/</c> (beside <c>_claims</c> and <c>_index</c>, outside
/// every session's turns): the record as <c>{id}.json</c>, created with <c>If-None-Match: *</c> so that of several hosts
/// adding one record exactly one succeeds; an empty marker <c>days/{yyyy-MM-dd}/{id}</c> per UTC day of creation (a period is
/// one ListObjectsV2 per day plus a GET per record); and, until the owner is notified, an empty marker <c>outbox/{id}</c>,
/// deleted by <see cref="MarkNotifiedAsync"/>, so the outbox listing holds only pending records. The markers are written
/// after the record (again by a later add of the same record, when a crash came between). Without
/// <see cref="S3StoreOptions.UseIfNoneMatch"/>, an add reads first and two racing hosts could both write.
/// </summary>
internal sealed class S3OwnerRecords(IAmazonS3 s3, S3StoreOptions options) : IOwnerRecords
{
    public ValueTask<bool> TryAddAsync(OwnerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        var folder = FolderOf(record.Conversation.TwinStorageName);
        var body = StoredJson.Serialize(record);
        return new(AwsStoreCall.RunAsync($"Adding an owner record at s3://{options.Bucket}/{folder}", options.Timeout, async ct =>
        {
            var stored = await CreateAsync(folder + record.Id + ".json", body, ct).ConfigureAwait(false) ? null : await GetAsync(folder, record.Id, ct).ConfigureAwait(false);
            var current = stored ?? record;
            await PutMarkerAsync(folder + "days/" + TurnIndexDays.Of(current.CreatedAt) + "/" + current.Id, ct).ConfigureAwait(false);
            if (current.NotifiedAt is null)
            {
                await PutMarkerAsync(folder + "outbox/" + current.Id, ct).ConfigureAwait(false);
            }

            return stored is null;
        }, cancellationToken));
    }

    public async IAsyncEnumerable<OwnerRecord> ReadAsync(
        string twin, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(DigitalTwinDefaults.ToStorageName(twin));
        foreach (var day in TurnIndexDays.Between(since, until))
        {
            await foreach (var record in ListAsync(folder, "days/" + day + "/", cancellationToken).ConfigureAwait(false))
            {
                if (TurnIndexDays.Contains(since, until, record.CreatedAt))
                {
                    yield return record;
                }
            }
        }
    }

    public async IAsyncEnumerable<OwnerRecord> ReadUnnotifiedAsync(string twin, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in ListAsync(FolderOf(DigitalTwinDefaults.ToStorageName(twin)), "outbox/", cancellationToken).ConfigureAwait(false))
        {
            if (record.NotifiedAt is null)
            {
                yield return record;
            }
        }
    }

    public ValueTask MarkNotifiedAsync(OwnerRecord record, DateTimeOffset notifiedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        OwnerRecord.ValidateId(record.Id);
        var folder = FolderOf(record.Conversation.TwinStorageName);
        return new(AwsStoreCall.RunAsync($"Marking an owner record notified at s3://{options.Bucket}/{folder}", options.Timeout, async ct =>
        {
            var stored = await GetAsync(folder, record.Id, ct).ConfigureAwait(false);
            if (stored?.NotifiedAt is null)
            {
                var put = S3Requests.Put(options, folder + record.Id + ".json", StoredJson.Serialize((stored ?? record) with { NotifiedAt = notifiedAt }));
                put.IfNoneMatch = null; // replaces the record
                await s3.PutObjectAsync(put, ct).ConfigureAwait(false);
            }

            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = folder + "outbox/" + record.Id }, ct).ConfigureAwait(false);
        }, cancellationToken));
    }

    private string FolderOf(string twinStorageName) => $"{options.KeyPrefix}_records/{twinStorageName}/";

    /// <summary>Lists the markers under <paramref name="folder"/><paramref name="markers"/> and GETs the records they name.</summary>
    private async IAsyncEnumerable<OwnerRecord> ListAsync(string folder, string markers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var token = continuation;
            var (records, next) = await AwsStoreCall.RunAsync($"Listing owner records in s3://{options.Bucket}/{folder}{markers}", options.Timeout, async ct =>
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = options.Bucket,
                    Prefix = folder + markers,
                    ContinuationToken = token,
                }, ct).ConfigureAwait(false);
                var ids = (page.S3Objects ?? []).Select(o => o.Key[(folder.Length + markers.Length)..]).ToArray();
                var found = new OwnerRecord?[ids.Length];
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, ids.Length),
                    new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelReads, CancellationToken = ct },
                    async (i, t) => found[i] = await GetAsync(folder, ids[i], t).ConfigureAwait(false)).ConfigureAwait(false);
                return (found.OfType<OwnerRecord>().ToArray(), page.IsTruncated == true ? page.NextContinuationToken : null);
            }, cancellationToken).ConfigureAwait(false);
            foreach (var record in records)
            {
                yield return record;
            }

            continuation = next;
        }
        while (continuation is not null);
    }

    private async Task<OwnerRecord?> GetAsync(string folder, string id, CancellationToken cancellationToken) =>
        await S3Objects.GetBytesAsync(s3, options.Bucket, folder + id + ".json", cancellationToken).ConfigureAwait(false) is { } body
            ? StoredJson.TryReadOwnerRecord(body)
            : null;

    /// <summary>Creates the record's object; false when it exists (S3 refused <c>If-None-Match: *</c>, or the read-first found it).</summary>
    private async Task<bool> CreateAsync(string objectKey, byte[] body, CancellationToken cancellationToken)
    {
        if (!options.UseIfNoneMatch && await S3Objects.GetBytesAsync(s3, options.Bucket, objectKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await s3.PutObjectAsync(S3Requests.Put(options, objectKey, body), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                // Taken by another host (or, rarely, by this very write whose answer was lost and which the SDK retried: then
                // the record is stored all the same, and "already there" is still true of it).
                return false;
            }

            catch (AmazonS3Exception ex) when (attempt < 4 && ex.StatusCode == HttpStatusCode.Conflict)
            {
                // Another conditional write to this key was in flight: let it settle, then try again (it will answer 412).
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PutMarkerAsync(string objectKey, CancellationToken cancellationToken)
    {
        var put = S3Requests.Put(options, objectKey, []);
        put.IfNoneMatch = null; // an empty marker: writing it twice is harmless
        await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
    }
}
