using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using DigitalTwin.Conversations;
using DigitalTwin.Testing;
using DigitalTwin.Memory;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// One chat turn's store work (load the 10-turn history window, then append the new turn) for each store, on conversations
/// already 10, 100 and 1,000 turns long. S3 runs on s3rver and DynamoDB on dynalite (tests/tools), on loopback.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Window = 10;
    private IConversationStore _store = null!;
    private NodeServer? _server;
    private string? _directory;
    private ConversationKey _key;
    private int _next;

    [Params("file", "in-memory", "s3", "dynamodb")]
    public string Store { get; set; } = "file";

    [Params(10, 100, 1000)]
    public int Turns { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = new ConversationKey("bench", SessionId.New());
        _store = Store switch
        {
            "file" => new FileConversationStore(new FileStoreOptions { Directory = _directory = Path.Combine(Path.GetTempPath(), "dt-bench-" + Guid.NewGuid().ToString("N")) }, TimeProvider.System),
            "in-memory" => new InMemoryConversationStore(),
            "s3" => await StartS3Async(),
            "dynamodb" => await StartDynamoDbAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(Store), Store, "Unknown store."),
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, Turns), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await _store.AppendAsync(_key, NewTurn(i), ct));
    }

    [Benchmark(Description = "load window + append")]
    public async Task<int> ChatTurn()
    {
        var window = await _store.ReadLatestAsync(_key, Window);
        await _store.AppendAsync(_key, NewTurn(Turns + _next++));
        return window.Count;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        (_store as IDisposable)?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ConversationTurn NewTurn(int n) => new(
        Guid.NewGuid().ToString("N"),
        new(ConversationRole.User, $"Question number {n}: what did you work on before?", DateTimeOffset.UtcNow),
        new(ConversationRole.Assistant, $"Answer {n}: " + new string('a', 600), DateTimeOffset.UtcNow));

    private async Task<IConversationStore> StartS3Async()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dt-bench-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _server = await NodeServer.StartS3rverAsync(_directory);
        var options = new S3StoreOptions { Bucket = "bench", ServiceUrl = _server.Url, Region = "us-east-1" };
        var client = S3ClientFactory.Create(options, new BasicAWSCredentials("S3RVER", "S3RVER"));
        await client.PutBucketAsync("bench");
        return new S3ConversationStore(client, ownsClient: true, options, TimeProvider.System, NullLogger.Instance);
    }

    private async Task<IConversationStore> StartDynamoDbAsync()
    {
        _server = await NodeServer.StartDynaliteAsync();
        var options = new DynamoDbStoreOptions { TableName = "bench", ServiceUrl = _server.Url, Region = "us-east-1", CreateTableIfMissing = true };
        var client = DynamoDbClientFactory.Create(options, new BasicAWSCredentials("local", "local"));
        return new DynamoDbConversationStore(client, ownsClient: true, options, TimeProvider.System, NullLogger.Instance);
    }
}
