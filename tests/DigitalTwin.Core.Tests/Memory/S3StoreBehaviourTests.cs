using System.Buffers.Text;
using Amazon.S3.Model;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Time.Testing;
using static DigitalTwin.Core.Tests.Memory.StoreTurns;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>What the S3 store does beyond the contract: layout, request cost, encryption and the original's objects.</summary>
[Collection(S3ServerTests.Name)]
public sealed class S3StoreBehaviourTests(S3ServerFixture s3)
{
    private readonly string _prefix = S3ServerFixture.NewPrefix();

    [Fact]
    public async Task OriginalSessionJson_IsReadAsOlderTurnsBeforeNewOnes()
    {
        var key = new ConversationKey(DigitalTwinDefaults.TwinName, SessionId.New());
        const string original = """
            [{"role": "user", "content": "Hi, I'm Fred", "timestamp": "2025-06-01T10:00:00.123456"},
             {"role": "assistant", "content": "Hello Fred!", "timestamp": "2025-06-01T10:00:02.5"},
             {"role": "user", "content": "What do I like?", "timestamp": "2025-06-01T10:01:00"},
             {"role": "assistant", "content": "Python.", "timestamp": "2025-06-01T10:01:03"}]
            """;
        await s3.RawClient.PutObjectAsync(new PutObjectRequest { BucketName = S3ServerFixture.Bucket, Key = $"{_prefix}{key.SessionId.Value}.json", ContentBody = original, UseChunkEncoding = false });
        using var store = S3ServerFixture.CreateStore(s3.Options(_prefix));
        await store.AppendAsync(key, Turn("And now?"));

        var all = await store.ReadAllAsync(key);

        Assert.Equal(["Hi, I'm Fred", "What do I like?", "And now?"], all.Select(t => t.User.Content));
        Assert.Equal("Hello Fred!", all[0].Assistant.Content);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), all[0].User.Timestamp);
        Assert.Equal(["What do I like?", "And now?"], (await store.ReadLatestAsync(key, 2)).Select(t => t.User.Content));
        Assert.Equal(["And now?"], (await store.ReadLatestAsync(key, 1)).Select(t => t.User.Content));
        Assert.Empty(await store.ReadAllAsync(new ConversationKey("other-twin", key.SessionId)));
    }

    [Fact]
    public async Task WindowRead_CostsOneListAndOneGetPerTurn_NotTheWholeConversation()
    {
        var http = new RecordingHttpClientFactory();
        using var store = S3ServerFixture.CreateStore(s3.Options(_prefix), http);
        var key = new ConversationKey("default", SessionId.New());
        for (var i = 0; i < 30; i++)
        {
            await store.AppendAsync(key, Turn($"u{i}"));
        }

        http.Clear();
        var window = await store.ReadLatestAsync(key, 10);

        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"u{i}"), window.Select(t => t.User.Content));
        var requests = http.Requests.ToList();
        var list = Assert.Single(requests, r => r.Uri.Query.Contains("list-type=2", StringComparison.Ordinal));
        Assert.Contains("max-keys=10", list.Uri.Query, StringComparison.Ordinal);
        Assert.Equal(11, requests.Count);
    }

    [Fact]
    public async Task ObjectKeys_HoldTwinAndSessionHash_NewestFirst_NeverTheRawSessionId()
    {
        using var store = S3ServerFixture.CreateStore(s3.Options(_prefix));
        var key = new ConversationKey("Alice Smith", SessionId.Parse("abcdefgh-1234"));
        await store.AppendAsync(key, Turn("first"));
        await store.AppendAsync(key, Turn("second"));

        var listed = await s3.RawClient.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = _prefix });
        var all = listed.S3Objects.Select(o => o.Key).ToList();
        var index = all.Where(k => k.StartsWith($"{_prefix}_index/", StringComparison.Ordinal)).ToList();
        var keys = all.Except(index).ToList();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.StartsWith($"{_prefix}_41lice_20_53mith/{key.SessionId.StorageName}/", k, StringComparison.Ordinal));
        Assert.All(all, k => Assert.DoesNotContain("abcdefgh", k, StringComparison.Ordinal));
        Assert.Equal(2, index.Count);
        Assert.All(index, k => Assert.StartsWith($"{_prefix}_index/_41lice_20_53mith/2026-03-04/", k, StringComparison.Ordinal));
        Assert.All(index, k => Assert.DoesNotContain("abcdefgh", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(k[(k.IndexOf('.') + 1)..].Replace("/", ""))), StringComparison.Ordinal));
        using var newest = await s3.RawClient.GetObjectAsync(S3ServerFixture.Bucket, keys[0]);
        Assert.Contains("second", await new StreamReader(newest.ResponseStream, Encoding.UTF8).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendsInTheSameClockTick_KeepTheirOrder()
    {
        using var store = S3ServerFixture.CreateStore(s3.Options(_prefix), time: new FakeTimeProvider(T0));
        var key = new ConversationKey("default", SessionId.New());
        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync(key, Turn($"u{i}"));
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"u{i}"), (await store.ReadAllAsync(key)).Select(t => t.User.Content));
    }

    [Theory]
    [InlineData(S3ServerSideEncryption.Aes256, null, "AES256")]
    [InlineData(S3ServerSideEncryption.Kms, "arn:aws:kms:eu-west-1:111122223333:key/test", "aws:kms")]
    public async Task ServerSideEncryption_WhenConfigured_IsRequestedOnEveryWrite(S3ServerSideEncryption encryption, string? keyId, string header)
    {
        var http = new RecordingHttpClientFactory();
        var options = s3.Options(_prefix);
        options.ServerSideEncryption = encryption;
        options.KmsKeyId = keyId;
        using var store = S3ServerFixture.CreateStore(options, http);

        var stored = true;
        try
        {
            await store.AppendAsync(new ConversationKey("default", SessionId.New()), Turn("secret"));
        }
        catch (ConversationStoreException) when (encryption == S3ServerSideEncryption.Kms)
        {
            stored = false; // an S3 without KMS may refuse it; what matters here is the requests the store sent.
        }

        var puts = http.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(stored ? 2 : 1, puts.Count); // the turn, then its index entry
        Assert.All(puts, put =>
        {
            Assert.Equal(header, put.Header("x-amz-server-side-encryption"));
            Assert.Equal(keyId, put.Header("x-amz-server-side-encryption-aws-kms-key-id"));
            Assert.Equal("*", put.Header("If-None-Match"));
        });
    }

    [Fact]
    public async Task IfNoneMatch_CanBeTurnedOff()
    {
        var http = new RecordingHttpClientFactory();
        var options = s3.Options(_prefix);
        options.UseIfNoneMatch = false;
        using var store = S3ServerFixture.CreateStore(options, http);

        await store.AppendAsync(new ConversationKey("default", SessionId.New()), Turn("x"));

        var puts = http.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, put => Assert.Null(put.Header("If-None-Match")));
    }
}
