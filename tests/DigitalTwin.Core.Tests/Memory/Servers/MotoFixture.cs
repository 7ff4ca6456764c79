using Amazon.DynamoDBv2;
using Amazon.S3;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>
/// One moto server (moto, the Python AWS emulator, through tests/tools/moto/server.py) for the test classes that run the
/// store suites a second time: S3 and DynamoDB on one free loopback port, in memory. moto enforces what s3rver ignores (S3 If-None-Match / If-Match, 412),
/// implements UpdateTimeToLive and UpdateTable adding an index, and returns ALL_OLD on a failed conditional put. Without
/// IAM enforcement it accepts any signed request, so the s3rver and dynalite credentials serve here too.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public NodeServer Server { get; private set; } = null!;

    public AmazonS3Client RawS3 { get; private set; } = null!;

    public AmazonDynamoDBClient RawDynamoDb { get; private set; } = null!;

    /// <summary>
    /// Starts moto on 127.0.0.1 and a free port through tests/tools/moto/server.py, which serves one request at a time (so
    /// conditional writes are atomic, as on AWS) and checks S3 signatures as AWS does; with
    /// <paramref name="unauthenticatedActions"/>, IAM is enforced after that many calls (INITIAL_NO_AUTH_ACTION_COUNT).
    /// </summary>
    public static Task<NodeServer> StartMotoAsync(int port, int? unauthenticatedActions = null)
    {
        var server = Path.Combine(RepositoryRoot.Path, "tests", "tools", "moto", "server.py");
        var start = ExternalTool.StartInfo("python3", [server, "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (unauthenticatedActions is { } count)
        {
            start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return NodeServer.StartProcessAsync(start, port);
    }

    /// <summary>Options for an S3 store over the shared bucket under <paramref name="keyPrefix"/>.</summary>
    public S3StoreOptions S3Options(string keyPrefix) => new() { Bucket = S3ServerFixture.Bucket, KeyPrefix = keyPrefix, ServiceUrl = Server.Url, Region = "us-east-1" };

    /// <summary>Options for a DynamoDB store over a fresh table that the store creates on first use.</summary>
    public DynamoDbStoreOptions DynamoDbOptions() => DynaliteFixture.OptionsFor(Server.Url);

    public async Task InitializeAsync()
    {
        Server = await StartMotoAsync(NodeTools.FreePort());
        RawS3 = S3ClientFactory.Create(S3Options(""), S3ServerFixture.Credentials);
        RawDynamoDb = DynamoDbClientFactory.Create(DynamoDbOptions(), DynaliteFixture.Credentials);
        await RawS3.PutBucketAsync(S3ServerFixture.Bucket);
    }

    public async Task DisposeAsync()
    {
        RawS3?.Dispose();
        RawDynamoDb?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MotoTests : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
