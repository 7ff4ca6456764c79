using System.Net;
using Amazon.S3;

namespace DigitalTwin.Memory.S3;

/// <summary>Object reads shared by the S3 store's turn, legacy and write-check paths.</summary>
internal static class S3Objects
{
    /// <summary>The object's bytes, or <see langword="null"/> when it does not exist (never written, or removed by a lifecycle rule).</summary>
    public static async Task<byte[]?> GetBytesAsync(IAmazonS3 s3, string bucket, string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, objectKey, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
