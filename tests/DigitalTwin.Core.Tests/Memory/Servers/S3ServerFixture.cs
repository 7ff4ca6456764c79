using Amazon.Runtime;
using Amazon.S3;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>One s3rver for the S3 test classes, on a free loopback port with a temporary data folder, and a bucket in it.</summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    public const string Bucket = "conversations";

    /// <summary>s3rver's built-in access key and secret.</summary>
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("S3RVER", "S3RVER");

    private readonly TempDirectory _data = new();

    public NodeServer Server { get; private set; } = null!;

    public AmazonS3Client RawClient { get; private set; } = null!;

    // s3rver's continuation tokens use DES, which Node 17+ (OpenSSL 3) only offers with the legacy provider.
    internal static S3ConversationStore CreateStore(S3StoreOptions options, HttpClientFactory? http = null, TimeProvider? time = null) =>
        new(S3ClientFactory.Create(options, Credentials, http), ownsClient: true, options, time ?? TimeProvider.System, NullLogger.Instance);

    /// <summary>Options for a store over the shared bucket under <paramref name="keyPrefix"/> (fresh per test).</summary>
    public S3StoreOptions Options(string keyPrefix, string? url = null) => new()
    {
        Bucket = Bucket,
        KeyPrefix = keyPrefix,
        ServiceUrl = url ?? Server.Url,
        Region = "us-east-1",
    };

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    public async Task InitializeAsync()
    {
        Server = await NodeServer.StartS3rverAsync(_data.Path);
        RawClient = S3ClientFactory.Create(Options("", Server.Url), Credentials);
        await RawClient.PutBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        RawClient?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class S3ServerTests : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "s3rver";
}
