using Amazon.S3;
using Amazon.S3.Model;

namespace DigitalTwin.Memory.S3;

/// <summary>Builds the S3 store's write requests from its options.</summary>
internal static class S3Requests
{
    /// <summary>A PUT of one turn object, with the configured encryption and, when enabled, <c>If-None-Match: *</c>.</summary>
    public static PutObjectRequest Put(S3StoreOptions options, string objectKey, byte[] body)
    {
        var put = new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = objectKey,
            InputStream = new MemoryStream(body, writable: false),
            ContentType = "application/json",
            // The body is in memory: sign it whole. (Some S3-compatible servers store aws-chunked bodies undecoded.)
            UseChunkEncoding = false,
        };
        if (options.UseIfNoneMatch)
        {
            put.IfNoneMatch = "*";
        }

        switch (options.ServerSideEncryption)
        {
            case S3ServerSideEncryption.Aes256:
                put.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
                break;
            case S3ServerSideEncryption.Kms:
                put.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                if (!string.IsNullOrEmpty(options.KmsKeyId))
                {
                    put.ServerSideEncryptionKeyManagementServiceKeyId = options.KmsKeyId;
                }

                break;
        }

        return put;
    }
}
