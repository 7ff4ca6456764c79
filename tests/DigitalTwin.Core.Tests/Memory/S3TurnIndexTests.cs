using Amazon.Runtime;
using Amazon.S3.Model;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Logging;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The S3 store's turn index beyond the contract: paging, keys too long to carry a record, failures and the off switch.</summary>
[Collection(S3ServerTests.Name)]
public sealed class S3TurnIndexTests(S3ServerFixture s3)
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly S3StoreOptions _options = s3.Options(S3ServerFixture.NewPrefix());
    private readonly ListLogger _log = new();

    [Fact]
    public async Task PeriodOverSeveralDays_ListsEveryTurnOnce_PagingThroughEachDay()
    {
        _options.TurnIndexPageSize = 4;
        var http = new RecordingHttpClientFactory();
        using var store = Store(http);
        int[] perDay = [5, 7, 9, 11];
        var expected = await AppendOverDaysAsync(store, "pager", Day1, perDay, minutesApart: 97);
        http.Clear();

        var records = await ReadTurnsAsync(store, "pager", Day1, Day1.AddDays(perDay.Length));

        AssertListsEachOnce(expected, records);
        var lists = http.Requests.Where(r => r.Uri.Query.Contains("list-type=2", StringComparison.Ordinal)).ToList();
        Assert.Equal(perDay.Sum(n => (n + 3) / 4), lists.Count);
        Assert.All(lists, r => Assert.Contains("max-keys=4", r.Uri.Query, StringComparison.Ordinal));
        Assert.DoesNotContain(http.Requests, r => r.Method == "GET" && !r.Uri.Query.Contains("list-type=2", StringComparison.Ordinal)); // no GET per turn
    }

    [Fact]
    public async Task RecordTooLongForAnObjectKey_IsReadFromTheBody_AndKeysStayWithinS3Limits()
    {
        using var store = Store();
        var longModel = new string('m', 1_100);
        await store.AppendAsync(new ConversationKey("long", SessionId.New()), TurnAt(Day1.AddHours(1), "long-model", longModel));
        await store.AppendAsync(new ConversationKey("long", SessionId.New()), TurnAt(Day1.AddHours(2), "short-model"));

        var records = await ReadTurnsAsync(store, "long", Day1, Day1.AddDays(1));
        var keys = await IndexKeysAsync();

        Assert.Equal(longModel, records.Single(r => r.TurnId == "long-model").Metadata?.Model);
        Assert.Equal("gpt-test", records.Single(r => r.TurnId == "short-model").Metadata?.Model);
        Assert.Equal(2, keys.Count);
        Assert.Single(keys, k => !k[_options.KeyPrefix.Length..].Contains('.', StringComparison.Ordinal)); // the long one: no record in the key
        Assert.All(keys, k => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(k), 1, S3TurnIndexKeys.MaxKeyBytes));
        Assert.All(keys.SelectMany(k => k.Split('/')), segment => Assert.InRange(segment.Length, 1, 200)); // file-backed S3 servers: 255 bytes a segment
    }

    [Fact]
    public async Task IndexEntryRefused_TheAppendSucceeds_TheTurnReadsBack_AndAWarningIsLogged()
    {
        var refusing = new RefusingHttpClientFactory(r => r.Method == HttpMethod.Put && r.RequestUri!.AbsolutePath.Contains("/_index/", StringComparison.Ordinal));
        using var store = Store(refusing);
        var key = new ConversationKey("refused", SessionId.New());

        await store.AppendAsync(key, TurnAt(Day1, "kept"));

        Assert.Equal(["kept"], (await store.ReadAllAsync(key)).Select(t => t.TurnId));
        Assert.Equal(1, refusing.Refused);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(4111, warning.EventId.Id);
        Assert.Contains($"s3://{_options.Bucket}/{_options.KeyPrefix}_index/refused/2026-04-01/", warning.Message, StringComparison.Ordinal);
        Assert.IsType<Amazon.S3.AmazonS3Exception>(warning.Exception);
        Assert.Empty(await ReadTurnsAsync(store, "refused", Day1, Day1.AddDays(1)));
        Assert.Empty(await IndexKeysAsync());
    }

    [Fact]
    public async Task WriteTurnIndexOff_WritesNoIndexObject_AndListsNothing()
    {
        _options.WriteTurnIndex = false;
        var http = new RecordingHttpClientFactory();
        using var store = Store(http);
        var key = new ConversationKey("quiet", SessionId.New());

        await store.AppendAsync(key, TurnAt(Day1, "unindexed"));

        Assert.Single(http.Requests, r => r.Method == "PUT");
        Assert.Empty(await IndexKeysAsync());
        Assert.Empty(await ReadTurnsAsync(store, "quiet", Day1, Day1.AddDays(1)));
        Assert.Single(await store.ReadAllAsync(key));
    }

    [Fact]
    public async Task ForeignOrDamagedIndexEntries_AreSkippedWithAWarning()
    {
        using var store = Store();
        await store.AppendAsync(new ConversationKey("mixed", SessionId.New()), TurnAt(Day1.AddHours(3), "good"));
        var day = $"{_options.KeyPrefix}_index/mixed/2026-04-01/";
        await PutRawAsync(day + "0638791488000000000-0123456789abcdef.not*base64");
        await PutRawAsync(day + "0638791488000000000-fedcba9876543210", "not a record");

        var records = await ReadTurnsAsync(store, "mixed", Day1, Day1.AddDays(1));

        Assert.Equal(["good"], records.Select(r => r.TurnId));
        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.EventId.Id == 4112));
    }

    private S3ConversationStore Store(HttpClientFactory? http = null) =>
        new(S3ClientFactory.Create(_options, S3ServerFixture.Credentials, http), ownsClient: true, _options, TimeProvider.System, _log);

    private async Task<List<string>> IndexKeysAsync() =>
        (await s3.RawClient.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = _options.KeyPrefix + "_index/" })).S3Objects?.Select(o => o.Key).ToList() ?? [];

    private async Task PutRawAsync(string key, string body = "") =>
        await s3.RawClient.PutObjectAsync(new PutObjectRequest { BucketName = S3ServerFixture.Bucket, Key = key, ContentBody = body, UseChunkEncoding = false });
}
