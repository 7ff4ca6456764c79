namespace DigitalTwin.Memory.S3;

/// <summary>How the S3 store asks S3 to encrypt the objects it writes.</summary>
public enum S3ServerSideEncryption
{
    /// <summary>No encryption header is sent; the bucket's default encryption applies (SSE-S3 on buckets created since 2023).</summary>
    None,

    /// <summary>SSE-S3: <c>x-amz-server-side-encryption: AES256</c>.</summary>
    Aes256,

    /// <summary>SSE-KMS: <c>x-amz-server-side-encryption: aws:kms</c>, with <see cref="S3StoreOptions.KmsKeyId"/> when set (else the AWS managed key).</summary>
    Kms,
}
