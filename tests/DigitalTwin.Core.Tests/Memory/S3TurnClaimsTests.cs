using DigitalTwin.Core.Tests.Support;
using DigitalTwin.Conversations;
using DigitalTwin.Core.Tests.Memory.Servers;
using DigitalTwin.Memory;
using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The claim contract against a real S3 API: s3rver behind <see cref="ConditionalS3Proxy"/>, which enforces the conditional
/// writes (<c>If-None-Match</c>, <c>If-Match</c>) that AWS S3 honours and s3rver ignores. Each "host" is a store with its own
/// client over one bucket and key prefix.
/// </summary>
[Collection(S3ServerTests.Name)]
public sealed class S3TurnClaimsTests(S3ServerFixture s3) : TurnClaimsContract
{
    private readonly List<S3ConversationStore> _stores = [];
    private readonly string _prefix = S3ServerFixture.NewPrefix();
    private ConditionalS3Proxy _proxy = null!;

    public override async Task InitializeAsync() => _proxy = await ConditionalS3Proxy.StartAsync(s3.Server.Url);

    public override async Task DisposeAsync()
    {
        _stores.ForEach(s => s.Dispose());
        await _proxy.DisposeAsync();
    }

    protected override Task<IConversationStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IConversationStore>(NewStore(time, _proxy.Url));

    private S3ConversationStore NewStore(TimeProvider time, string url, RecordingHttpClientFactory? http = null)
    {
        var store = S3ServerFixture.CreateStore(s3.Options(_prefix, url), http, time);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task ClaimTakeoverAndRelease_SendTheConditionalHeaders_AndTheClaimLivesOutsideTheSessionsTurns()
    {
        var http = new RecordingHttpClientFactory();
        var host = NewStore(Clock, _proxy.Url, http);
        var key = NewKey();

        var claim = await host.TurnClaims().TryClaimAsync(key, "client-key-42", Lease);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = await host.TurnClaims().TryClaimAsync(key, "client-key-42", Lease);
        await host.TurnClaims().ReleaseAsync(takeover!);

        var puts = http.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(3, puts.Count); // create, refused create, takeover
        Assert.All(puts, p => Assert.Contains($"/{_prefix}_claims/{key.TwinStorageName}/{key.SessionId.StorageName}/", p.Uri.AbsolutePath, StringComparison.Ordinal));
        Assert.All(puts, p => Assert.DoesNotContain("client-key-42", p.Uri.AbsolutePath, StringComparison.Ordinal));
        Assert.Equal(["*", "*", null], puts.Select(p => p.Header("If-None-Match")));
        Assert.Null(puts[0].Header("If-Match"));
        Assert.NotNull(puts[2].Header("If-Match"));
        var delete = Assert.Single(http.Requests, r => r.Method == "DELETE");
        Assert.NotNull(delete.Header("If-Match"));
        Assert.NotEqual(puts[2].Header("If-Match"), delete.Header("If-Match")); // the takeover's own version, not the one it replaced
        Assert.True(claim is not null && takeover!.TookOver);
        Assert.Empty((await s3.RawClient.ListObjectsV2Async(new() { BucketName = S3ServerFixture.Bucket, Prefix = _prefix + "_claims/" })).S3Objects ?? []);
    }

    [Fact]
    public async Task ConcurrentClaimers_AreRefusedByTheConditionalWrite_NotByLuck()
    {
        var hosts = new ITurnClaims[] { NewStore(TimeProvider.System, _proxy.Url).TurnClaims(), NewStore(TimeProvider.System, _proxy.Url).TurnClaims() };

        var winners = await RaceAsync(hosts, NewKey(), "race", Lease);

        Assert.Single(winners);
        Assert.True(_proxy.Refused >= 7, $"the proxy refused {_proxy.Refused} writes");
    }

    [Fact]
    public async Task PlainS3rver_IgnoresIfNoneMatch_SoWithoutTheProxyBothHostsWouldWin()
    {
        var (a, b) = (NewStore(Clock, s3.Server.Url), NewStore(Clock, s3.Server.Url));
        var key = new ConversationKey("default", SessionId.New());

        Assert.NotNull(await a.TurnClaims().TryClaimAsync(key, "t", Lease));
        Assert.NotNull(await b.TurnClaims().TryClaimAsync(key, "t", Lease)); // why these tests run through ConditionalS3Proxy
    }

    [Fact]
    public async Task WithConditionalWritesOff_ClaimsAreGrantedWithoutWriting()
    {
        var options = s3.Options(_prefix, _proxy.Url);
        options.UseIfNoneMatch = false;
        var http = new RecordingHttpClientFactory();
        using var store = S3ServerFixture.CreateStore(options, http, Clock);
        var key = NewKey();

        Assert.NotNull(await store.TurnClaims().TryClaimAsync(key, "t", Lease));
        Assert.NotNull(await store.TurnClaims().TryClaimAsync(key, "t", Lease));
        Assert.Empty(http.Requests);
    }
}
