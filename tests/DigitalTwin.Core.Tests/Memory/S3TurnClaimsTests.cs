using DigitalTwin.Memory.S3;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The claim contract against moto's S3, which enforces the conditional writes (<c>If-None-Match</c>, <c>If-Match</c>: 412)
/// that AWS S3 honours and s3rver ignores. Each "host" is a store with its own client over one bucket and key prefix.
/// </summary>
[Collection(MotoTests.Name)]
[Trait("Category", ExternalTool.Category)]
public sealed class S3TurnClaimsTests(MotoFixture moto) : TurnClaimsContract
{
    private readonly string _prefix = S3ServerFixture.NewPrefix();

    protected override Task<IConversationStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IConversationStore>(NewStore(time));

    private S3ConversationStore NewStore(TimeProvider time, RecordingHttpClientFactory? http = null, S3StoreOptions? options = null) =>
        Own(S3ServerFixture.CreateStore(options ?? moto.S3Options(_prefix), http, time));

    [Fact]
    public async Task ClaimTakeoverAndRelease_SendTheConditionalHeaders_AndTheClaimLivesOutsideTheSessionsTurns()
    {
        var http = new RecordingHttpClientFactory();
        var host = NewStore(Clock, http);
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
        Assert.Empty((await moto.RawS3.ListObjectsV2Async(new() { BucketName = S3ServerFixture.Bucket, Prefix = _prefix + "_claims/" })).S3Objects ?? []);
    }

    [Fact]
    public async Task ConcurrentClaimers_AreRefusedByTheConditionalWrite_NotByLuck()
    {
        var http = new RecordingHttpClientFactory();
        var hosts = new ITurnClaims[] { NewStore(TimeProvider.System, http).TurnClaims(), NewStore(TimeProvider.System, http).TurnClaims() };

        var winners = await RaceAsync(hosts, NewKey(), "race", Lease);

        Assert.Single(winners);
        Assert.Contains(http.Requests, r => r.Method == "PUT" && r.Header("If-None-Match") == "*");
    }

    [Fact]
    public async Task WithConditionalWritesOff_ClaimsAreGrantedWithoutWriting()
    {
        var options = moto.S3Options(_prefix);
        options.UseIfNoneMatch = false;
        var http = new RecordingHttpClientFactory();
        var store = NewStore(Clock, http, options);
        var key = NewKey();

        Assert.NotNull(await store.TurnClaims().TryClaimAsync(key, "t", Lease));
        Assert.NotNull(await store.TurnClaims().TryClaimAsync(key, "t", Lease));
        Assert.Empty(http.Requests);
    }
}
