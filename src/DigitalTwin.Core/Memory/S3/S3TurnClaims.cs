using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// The S3 store's turn claims: one object per claimed turn, <c>{KeyPrefix}_claims/{twin}/{session hash}/{SHA-256 of the turn id}</c>
/// (outside every session's turn prefix, so window reads never list it), holding <see cref="TurnClaimRecord"/> JSON. A claim
/// is a PUT with <c>If-None-Match: *</c>; when that is refused (412) the holder is read, and an expired claim is taken over
/// with a PUT carrying <c>If-Match: {its ETag}</c>, so of several hosts exactly one wins. A release reads the claim and
/// deletes it with <c>If-Match</c> only while it is still the releaser's. All of it rests on S3's conditional writes: with
/// <see cref="S3StoreOptions.UseIfNoneMatch"/> off, claims are granted without being written (no cross-host claim).
/// </summary>
internal sealed class S3TurnClaims(IAmazonS3 s3, S3StoreOptions options, TimeProvider time) : IOwnedTurnClaims
{
    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        TryClaimAsync(key, turnId, TurnClaimRecord.NewOwner(), lease, cancellationToken);

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        TurnClaimRecord.Validate(turnId, lease);
        var mine = new TurnClaimRecord(owner, time.GetUtcNow() + lease);
        if (!options.UseIfNoneMatch)
        {
            return ValueTask.FromResult<TurnClaim?>(mine.ToClaim(key, turnId, tookOver: false));
        }

        var objectKey = ObjectKey(options, key, turnId);
        return new(AwsStoreCall.RunAsync($"Claiming a turn at s3://{options.Bucket}/{objectKey}", options.Timeout, async ct =>
        {
            var body = mine.ToJson();
            string? replacing = null; // null: create the claim (If-None-Match: *); else the ETag of the expired claim to replace
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                if (await TryPutAsync(s3, options, objectKey, body, replacing, attempt, ct).ConfigureAwait(false))
                {
                    return mine.ToClaim(key, turnId, tookOver: replacing is not null);
                }

                var held = await ReadAsync(s3, options.Bucket, objectKey, ct).ConfigureAwait(false);
                if (held is null)
                {
                    replacing = null; // released meanwhile: create it
                    continue;
                }

                var record = TurnClaimRecord.TryParse(held.Value.Body);
                if (record?.Owner == mine.Owner)
                {
                    return mine.ToClaim(key, turnId, tookOver: replacing is not null); // our write landed; the SDK retried it
                }

                if (record is { } live && live.IsLiveAt(time.GetUtcNow()))
                {
                    return null;
                }

                replacing = held.Value.ETag; // expired (or unreadable): take over exactly this version
            }

            return (TurnClaim?)null; // the claim kept changing hands: another host is at it
        }, cancellationToken));
    }

    public ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!options.UseIfNoneMatch)
        {
            return ValueTask.CompletedTask;
        }

        var objectKey = ObjectKey(options, claim.Key, claim.TurnId);
        return new(AwsStoreCall.RunAsync($"Releasing the turn claim s3://{options.Bucket}/{objectKey}", options.Timeout, async ct =>
        {
            var held = await ReadAsync(s3, options.Bucket, objectKey, ct).ConfigureAwait(false);
            if (held is null || TurnClaimRecord.TryParse(held.Value.Body)?.Owner != claim.Owner)
            {
                return; // gone, or taken over by another host after it expired: theirs now
            }

            try
            {
                await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = objectKey, IfMatch = held.Value.ETag }, ct).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                // Replaced or removed between the read and the delete: no longer ours.
            }
        }, cancellationToken));
    }

    private static string ObjectKey(S3StoreOptions options, ConversationKey key, string turnId) =>
        $"{options.KeyPrefix}_claims/{key.TwinStorageName}/{key.SessionId.StorageName}/{TurnClaimRecord.NameOf(turnId)}";

    /// <summary>PUTs the claim, creating it or replacing version <paramref name="replacing"/>; false when S3 refuses the condition.</summary>
    private static async Task<bool> TryPutAsync(IAmazonS3 s3, S3StoreOptions options, string objectKey, byte[] body, string? replacing, int attempt, CancellationToken cancellationToken)
    {
        var put = S3Requests.Put(options, objectKey, body);
        if (replacing is not null)
        {
            put.IfNoneMatch = null;
            put.IfMatch = replacing;
        }

        try
        {
            await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false; // taken (If-None-Match), replaced (If-Match), or removed before an If-Match write
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Another conditional write to this key was in flight: let it settle, then look at who holds the claim.
            await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<(byte[] Body, string ETag)?> ReadAsync(IAmazonS3 s3, string bucket, string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, objectKey, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return (buffer.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
