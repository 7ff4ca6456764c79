using DigitalTwin.Configuration;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// Settings of the S3 conversation store (section <c>DigitalTwin:S3Store</c>, or <c>DigitalTwin:Twins:{name}:S3Store</c>).
/// Region and credentials come from the AWS SDK's default chain (environment, profile, instance or task role).
/// </summary>
public sealed class S3StoreOptions : ITwinOptions
{
    /// <summary>The bucket conversations are kept in. Required; defaults to the original twin's <c>S3_BUCKET</c> variable.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>
    /// Prepended to every object key, for example <c>conversations/</c>. Default empty (the bucket root, where the original
    /// twin kept its <c>{session_id}.json</c> objects).
    /// </summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>An S3-compatible endpoint such as <c>http://127.0.0.1:4568</c> (s3rver, MinIO). Default none: AWS S3.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region, for example <c>eu-west-1</c>. Default none: the SDK's default chain (<c>AWS_REGION</c>, profile…).</summary>
    public string? Region { get; set; }

    /// <summary>Whether to address the bucket in the path rather than the host name. Default: on when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Server-side encryption requested for each object. Default <see cref="S3ServerSideEncryption.None"/> (the bucket default).</summary>
    public S3ServerSideEncryption ServerSideEncryption { get; set; } = S3ServerSideEncryption.None;

    /// <summary>The KMS key id or ARN used with <see cref="S3ServerSideEncryption.Kms"/>. Default none: the AWS managed key.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>
    /// Whether each write sends <c>If-None-Match: *</c>, so S3 refuses to replace an existing object. Default <see langword="true"/>.
    /// Keys are unique without it; this is a second guard on AWS S3. Some S3-compatible servers ignore the header.
    /// It also turns on the store's turn claims, which rest on conditional writes (<c>If-None-Match</c>, <c>If-Match</c>)
    /// to keep hosts from answering the same idempotent turn twice; set it to <see langword="false"/> only for a server that
    /// rejects conditional headers, and claims are then granted without being written (no cross-host claim).
    /// </summary>
    public bool UseIfNoneMatch { get; set; } = true;

    /// <summary>
    /// Whether the default twin also reads the original Python twin's <c>{KeyPrefix}{session_id}.json</c> objects, as turns
    /// older than those written by this store. Default <see langword="true"/>.
    /// </summary>
    public bool ReadLegacyConversations { get; set; } = true;

    /// <summary>
    /// Whether each append also writes a small index object under <c>{KeyPrefix}_index/{twin}/{yyyy-MM-dd}/</c> (one more
    /// PUT per turn, after the turn itself), from which analytics list a twin's turns by time without reading conversations.
    /// Default <see langword="true"/>. When <see langword="false"/>, no index object is written, so analytics over this store
    /// list nothing stored meanwhile (entries written earlier are still listed).
    /// </summary>
    public bool WriteTurnIndex { get; set; } = true;

    /// <summary>How many turn objects a read fetches at once. Default 16.</summary>
    public int MaxParallelReads { get; set; } = 16;

    /// <summary>The longest one store operation (all its requests and retries) may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Keys per ListObjectsV2 page when listing turns by time (S3 returns at most 1,000); tests lower it to page more.</summary>
    internal int TurnIndexPageSize { get; set; } = 1000;

    internal static void FromEnvironment(S3StoreOptions options, Func<string, string?> setting)
    {
        if (setting("S3_BUCKET") is { } bucket)
        {
            options.Bucket = bucket;
        }
    }

    static string? ITwinOptions.Section => "S3Store";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(Bucket), $"Bucket is empty: set it or S3_BUCKET to the bucket that keeps the conversations.");
        errors.Check(KeyPrefix is null || KeyPrefix.StartsWith('/'), $"KeyPrefix '{KeyPrefix}' is not valid: leave it empty or use a prefix like 'conversations/' (no leading '/').");
        errors.Check(ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _), $"ServiceUrl '{ServiceUrl}' is not an absolute URL: use one like http://127.0.0.1:4568, or leave it empty for AWS S3.");
        errors.Check(!Enum.IsDefined(ServerSideEncryption), $"ServerSideEncryption '{ServerSideEncryption}' is not supported: use None, Aes256 or Kms.");
        errors.Check(!string.IsNullOrEmpty(KmsKeyId) && ServerSideEncryption != S3ServerSideEncryption.Kms, $"KmsKeyId is set but ServerSideEncryption is {ServerSideEncryption}: set ServerSideEncryption to Kms, or remove KmsKeyId.");
        errors.Check(MaxParallelReads is < 1 or > 256, $"MaxParallelReads is {MaxParallelReads}: use 1 to 256 (default 16).");
        errors.Check(Timeout <= TimeSpan.Zero, $"Timeout is {Timeout}: use a positive time span such as 00:00:10.");
    }
}
