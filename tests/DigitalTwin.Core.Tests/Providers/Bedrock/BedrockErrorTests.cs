using System.Diagnostics;
using DigitalTwin.Providers;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Error answers → failure kinds, and the retry policy, over real HTTP against the loopback fake.</summary>
public sealed class BedrockErrorTests
{
    [Theory]
    [InlineData(429, "ThrottlingException", ChatProviderFailure.RateLimited)]
    [InlineData(503, "ServiceUnavailableException", ChatProviderFailure.Unavailable)]
    [InlineData(429, "ModelNotReadyException", ChatProviderFailure.Unavailable)]
    [InlineData(500, "InternalServerException", ChatProviderFailure.Unavailable)]
    [InlineData(408, "ModelTimeoutException", ChatProviderFailure.Timeout)]
    [InlineData(424, "ModelErrorException", ChatProviderFailure.Unavailable)]
    [InlineData(400, "ValidationException", ChatProviderFailure.InvalidRequest)]
    [InlineData(403, "AccessDeniedException", ChatProviderFailure.AccessDenied)]
    [InlineData(404, "ResourceNotFoundException", ChatProviderFailure.InvalidRequest)]
    [InlineData(400, "ServiceQuotaExceededException", ChatProviderFailure.RateLimited)]
    public async Task ErrorTypes_MapToFailureKinds(int status, string type, ChatProviderFailure expected)
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Error(status, type, "The service said no."));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(expected, ex.Failure);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("aws.bedrock", ex.Provider);
        Assert.Contains("The service said no.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorTypeFromTheBody_WhenTheHeaderIsMissing()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Json(400, """{"__type":"com.amazon.coral.validate#ValidationException","message":"bad"}"""));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(ChatProviderFailure.InvalidRequest, ex.Failure);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AccessDenied_NamesTheModelAndTheIamActions_AndNoSecret()
    {
        await using var server = (await FakeBedrockServer.StartAsync(TestCredentials.Session)).Enqueue(FakeResponse.Error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));
        using var client = BedrockTestClient.Create(server, TestCredentials.Session);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Contains("global.amazon.nova-2-lite-v1:0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bedrock:InvokeModel ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bedrock:InvokeModelWithResponseStream", ex.Message, StringComparison.Ordinal);
        Assert.Contains("inference-profile", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Session.SecretKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Session.SessionToken!, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrottledThenUnavailable_IsRetried_ThenSucceeds()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(
            FakeResponse.Error(429, "ThrottlingException", "slow down"),
            FakeResponse.Error(503, "ServiceUnavailableException", "busy"),
            FakeResponse.Json(200, BedrockTestClient.ConverseResponse("at last")));
        using var client = BedrockTestClient.CreateResilient(server);

        var response = await client.GetResponseAsync(BedrockTestClient.Conversation());

        Assert.Equal("at last", response.Text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ValidationError_IsNotRetried()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Error(400, "ValidationException", "bad"), FakeResponse.Json(200, BedrockTestClient.ConverseResponse("no")));
        using var client = BedrockTestClient.CreateResilient(server);

        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RetriesRunOut_AfterMaxRetries()
    {
        await using var server = await FakeBedrockServer.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            server.Enqueue(FakeResponse.Error(429, "ThrottlingException", "slow down"));
        }

        using var client = BedrockTestClient.CreateResilient(server, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(ChatProviderFailure.RateLimited, ex.Failure);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(
            FakeResponse.Error(429, "ThrottlingException", "slow down", ("Retry-After", "1")),
            FakeResponse.Json(200, BedrockTestClient.ConverseResponse("ok")));
        using var client = BedrockTestClient.CreateResilient(server);
        var watch = Stopwatch.StartNew();

        await client.GetResponseAsync(BedrockTestClient.Conversation());

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RetryAfter_IsReportedWhenRetriesAreOff()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Error(429, "ThrottlingException", "slow down", ("Retry-After", "7")));
        using var client = BedrockTestClient.Create(server);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterLongerThanTheBackoffCap_IsNotWaitedFor()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(
            FakeResponse.Error(429, "ThrottlingException", "slow down", ("Retry-After", "60")),
            FakeResponse.Json(200, BedrockTestClient.ConverseResponse("ok")));
        using var client = BedrockTestClient.CreateResilient(server);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(TimeSpan.FromSeconds(60), ex.RetryAfter);
        Assert.Single(server.Requests);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
