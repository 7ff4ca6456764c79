using Amazon.DynamoDBv2;
using Amazon.S3;
using DigitalTwin.Core.Tests.Support;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>
/// One moto_server (moto, the Python AWS emulator) for the test classes that run the store suites a second time: S3 and
/// DynamoDB on one free loopback port, in memory. moto enforces what s3rver ignores (S3 If-None-Match / If-Match, 412),
/// implements UpdateTimeToLive and UpdateTable adding an index, and returns ALL_OLD on a failed conditional put. Without
/// IAM enforcement it accepts any signed request, so the s3rver and dynalite credentials serve here too.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public NodeServer Server { get; private set; } = null!;

    public AmazonS3Client RawS3 { get; private set; } = null!;

    public AmazonDynamoDBClient RawDynamoDb { get; private set; } = null!;

    /// <summary>Starts <c>moto_server</c> on 127.0.0.1 and a free port.</summary>
    public static Task<NodeServer> StartMotoAsync(int port) =>
        NodeServer.StartProcessAsync(ExternalTool.StartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]), port);

    /// <summary>
    /// Starts moto with IAM enforced after <paramref name="unauthenticatedActions"/> calls (INITIAL_NO_AUTH_ACTION_COUNT),
    /// through tests/tools/moto/server.py, which fixes how moto checks the signatures of S3 listings.
    /// </summary>
    public static Task<NodeServer> StartMotoWithIamAsync(int port, int unauthenticatedActions)
    {
        var server = Path.Combine(DigitalTwin.AspNetCore.Tests.Support.RepositoryRoot.Path, "tests", "tools", "moto", "server.py");
        var start = ExternalTool.StartInfo("python3", [server, "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = unauthenticatedActions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return NodeServer.StartProcessAsync(start, port);
    }

    /// <summary>Options for an S3 store over the shared bucket under <paramref name="keyPrefix"/>.</summary>
    public S3StoreOptions S3Options(string keyPrefix) => new() { Bucket = S3ServerFixture.Bucket, KeyPrefix = keyPrefix, ServiceUrl = Server.Url, Region = "us-east-1" };

    /// <summary>Options for a DynamoDB store over a fresh table that the store creates on first use.</summary>
    public DynamoDbStoreOptions DynamoDbOptions() => new()
    {
        TableName = DynaliteFixture.NewTableName(),
        ServiceUrl = Server.Url,
        Region = "us-east-1",
        CreateTableIfMissing = true,
    };

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
