using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DigitalTwin.Memory.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Core.Tests.Memory.Servers;

/// <summary>One in-memory dynalite for the DynamoDB test classes, on a free loopback port.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    /// <summary>dynalite checks that requests are signed, not by whom.</summary>
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("local", "local");

    public NodeServer Server { get; private set; } = null!;

    public AmazonDynamoDBClient RawClient { get; private set; } = null!;

    internal static DynamoDbConversationStore CreateStore(DynamoDbStoreOptions options, HttpClientFactory? http = null, TimeProvider? time = null) =>
        new(DynamoDbClientFactory.Create(options, Credentials, http), ownsClient: true, options, time ?? TimeProvider.System, NullLogger.Instance);

    /// <summary>Options for a store over a fresh table that the store creates on first use.</summary>
    public DynamoDbStoreOptions Options(string? tableName = null, string? url = null) => OptionsFor(url ?? Server.Url, tableName);

    /// <summary>Options for a store at <paramref name="url"/> (dynalite, moto) over a table, fresh unless named, that the store creates on first use.</summary>
    public static DynamoDbStoreOptions OptionsFor(string url, string? tableName = null) => new()
    {
        TableName = tableName ?? NewTableName(),
        ServiceUrl = url,
        Region = "us-east-1",
        CreateTableIfMissing = true,
    };

    public static string NewTableName() => "t" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        Server = await NodeServer.StartDynaliteAsync();
        RawClient = DynamoDbClientFactory.Create(Options(url: Server.Url), Credentials);
    }

    public async Task DisposeAsync()
    {
        RawClient?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DynaliteTests : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
