using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Memory.DynamoDb;
using Microsoft.Extensions.Logging;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// What dynalite cannot show, on moto: the AWS CLI commands of docs/memory.md run for real (create-table with the index
/// and TTL; update-table adding the index to an older table, which backfills it), TTL turned on by CreateTableIfMissing,
/// and a missing index reported with the how-to-fix message although moto words that error differently from DynamoDB.
/// </summary>
[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed partial class MotoDynamoDbTableCommandsTests(MotoFixture moto)
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbStoreOptions _options = moto.DynamoDbOptions();
    private readonly ListLogger _log = new();

    [Fact]
    public async Task CreateTableCommandOfTheDocs_MakesATableTheStoreUses_WithTtlOnExpiresAt()
    {
        await RunDocsCommandAsync("update-time-to-live");
        _options.CreateTableIfMissing = false;
        _options.Retention = TimeSpan.FromDays(30);
        using var store = Store();

        await store.AppendAsync(new ConversationKey("docs", SessionId.New()), TurnAt(Day1.AddHours(1), "t1"));

        Assert.Equal(["t1"], (await ReadTurnsAsync(store, "docs", Day1, Day1.AddDays(1))).Select(r => r.TurnId));
        await AssertTtlOnExpiresAtAsync();
        var item = Assert.Single((await moto.RawDynamoDb.ScanAsync(new ScanRequest { TableName = _options.TableName })).Items);
        Assert.True(item.ContainsKey(_options.TtlAttributeName));
    }

    [Fact]
    public async Task TableWithoutTheIndex_ListingSaysHowToAddIt_AndTheUpdateTableCommandOfTheDocsAddsItWithTheOlderTurns()
    {
        await DynamoDbTurnIndexTests.CreateTableWithoutTheIndexAsync(moto.RawDynamoDb, _options.TableName);
        _options.CreateTableIfMissing = false;
        using var store = Store();
        await store.AppendAsync(new ConversationKey("older", SessionId.New()), TurnAt(Day1.AddHours(2), "before-the-index"));

        var ex = await Assert.ThrowsAsync<ConversationStoreException>(() => ReadTurnsAsync(store, "older", Day1, Day1.AddDays(1)));
        Assert.Contains("aws dynamodb update-table", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'turns-by-day'", ex.Message, StringComparison.Ordinal);

        await RunDocsCommandAsync("update-table");

        Assert.Equal(["before-the-index"], (await ReadTurnsAsync(store, "older", Day1, Day1.AddDays(1))).Select(r => r.TurnId));
    }

    [Fact]
    public async Task CreateTableIfMissing_WithRetention_TurnsOnTtl_WithoutAWarning()
    {
        _options.Retention = TimeSpan.FromDays(7);
        using var store = Store();

        await store.AppendAsync(new ConversationKey("ttl", SessionId.New()), TurnAt(Day1, "t"));

        await AssertTtlOnExpiresAtAsync();
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    private async Task AssertTtlOnExpiresAtAsync()
    {
        var ttl = (await moto.RawDynamoDb.DescribeTimeToLiveAsync(_options.TableName)).TimeToLiveDescription;
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
        Assert.Equal(_options.TtlAttributeName, ttl.AttributeName);
    }

    /// <summary>Runs, with the AWS CLI against moto, the <c>sh</c> block of docs/memory.md that contains <paramref name="command"/>.</summary>
    private async Task RunDocsCommandAsync(string command)
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "memory.md"));
        var block = ShellBlock().Matches(docs).Select(m => m.Groups[1].Value).Single(b => b.Contains("aws dynamodb " + command + " ", StringComparison.Ordinal));
        var start = ExternalTool.StartInfo("bash", ["-euo", "pipefail", "-c", block.Replace("digital-twin-conversations", _options.TableName, StringComparison.Ordinal)]);
        start.Environment["AWS_ENDPOINT_URL"] = moto.Server.Url;
        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var process = ExternalTool.Start(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"The docs' {command} block failed ({process.ExitCode}):\n{await output}{await error}");
    }

    private DynamoDbConversationStore Store() =>
        new(DynamoDbClientFactory.Create(_options, DynaliteFixture.Credentials), ownsClient: true, _options, TimeProvider.System, _log);

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
