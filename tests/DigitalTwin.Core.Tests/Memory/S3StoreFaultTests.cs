using DigitalTwin.Memory.S3;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>The S3 store when its server dies or stops answering: typed errors, on time, and no half-written turn.</summary>
[Collection(S3ServerTests.Name)]
public sealed class S3StoreFaultTests(S3ServerFixture s3)
{
    [Fact]
    public async Task ServerKilledMidConversation_AppendAndReadThrowUnavailable_AndNoPartialTurnIsLeft()
    {
        using var data = new TempDirectory();
        var key = new ConversationKey("default", SessionId.New());
        var server = await NodeServer.StartS3rverAsync(data.Path);
        await using (server)
        {
            var options = s3.Options("", server.Url);
            options.Timeout = TimeSpan.FromSeconds(5);
            using (var raw = S3ClientFactory.Create(options, S3ServerFixture.Credentials))
            using (var setup = S3ServerFixture.CreateStore(options))
            {
                await raw.PutBucketAsync(S3ServerFixture.Bucket);
                await setup.AppendAsync(key, Turn("one"));
                await setup.AppendAsync(key, Turn("two"));
            }

            using var store = S3ServerFixture.CreateStore(options);
            await server.KillAsync();

            await AssertUnavailableAsync(store, key);
        }

        // The same data folder served again: exactly the acknowledged turns.
        await using var restarted = await NodeServer.StartS3rverAsync(data.Path);
        using var after = S3ServerFixture.CreateStore(s3.Options("", restarted.Url));
        Assert.Equal(["one", "two"], (await after.ReadAllAsync(key)).Select(t => t.User.Content));
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutWithinTheConfiguredTimeout()
    {
        using var silent = new SilentServer();
        var options = s3.Options("", silent.Url);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var store = S3ServerFixture.CreateStore(options);

        await AssertTimesOutAsync(store);
    }

    [Fact]
    public async Task CallerCancellation_SurfacesAsCancellationNotAStoreError()
    {
        using var silent = new SilentServer();
        using var store = S3ServerFixture.CreateStore(s3.Options("", silent.Url));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ReadLatestAsync(new ConversationKey("default", SessionId.New()), 5, cts.Token));
    }
}
