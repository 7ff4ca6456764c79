using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DigitalTwin.Providers.Bedrock;
using Microsoft.Extensions.Logging.Abstractions;
using DigitalTwin.Providers;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Converse over real HTTP against the loopback fake, every request's signature checked by @smithy/signature-v4.</summary>
public sealed class BedrockConverseTests
{
    [Fact]
    public async Task Converse_IsSigned_ModelIdColonIsEncoded_AndTheAnswerIsMapped()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Json(200, BedrockTestClient.ConverseResponse("Trabajé en Contoso.")));
        using var client = BedrockTestClient.Create(server);

        var response = await client.GetResponseAsync(BedrockTestClient.Conversation());

        Assert.Equal("Trabajé en Contoso.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(10, response.Usage!.CachedInputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/model/global.amazon.nova-2-lite-v1%3A0/converse", request.Target);
        Assert.False(request.Headers.ContainsKey("x-amz-security-token"));
        server.AssertAllSigned();
    }

    [Fact]
    public async Task SessionCredentials_SendTheTokenAsSignedXAmzSecurityToken()
    {
        await using var server = (await FakeBedrockServer.StartAsync(TestCredentials.Session)).Enqueue(FakeResponse.Json(200, BedrockTestClient.ConverseResponse("ok")));
        using var client = BedrockTestClient.Create(server, TestCredentials.Session);

        await client.GetResponseAsync(BedrockTestClient.Conversation());

        var request = Assert.Single(server.Requests);
        Assert.Equal(TestCredentials.Session.SessionToken, request.Headers["x-amz-security-token"]);
        Assert.Contains("x-amz-security-token", request.Headers["authorization"], StringComparison.Ordinal);
        server.AssertAllSigned();
    }

    [Fact]
    public async Task InferenceProfileArn_IsUrlEncodedInThePath_AndSigned()
    {
        const string arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-2-lite-v1:0";
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Json(200, BedrockTestClient.ConverseResponse("ok")));
        using var client = BedrockTestClient.Create(server, configure: o => o.ModelId = arn);

        await client.GetResponseAsync(BedrockTestClient.Conversation());

        Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-2-lite-v1%3A0/converse", Assert.Single(server.Requests).Target);
        server.AssertAllSigned();
    }

    [Fact]
    public async Task Metadata_NamesProviderEndpointAndModel()
    {
        await using var server = await FakeBedrockServer.StartAsync();
        using var client = BedrockTestClient.Create(server);

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(("aws.bedrock", server.Endpoint, "global.amazon.nova-2-lite-v1:0"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
    }

    [Fact]
    public async Task ServerThatNeverAnswers_IsATimeoutWithinTheReadTimeout()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Never());
        using var client = BedrockTestClient.Create(server, configure: o => o.ReadTimeout = TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

        Assert.Equal(ChatProviderFailure.Timeout, ex.Failure);
        Assert.True(ex.IsRetryable);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CallerCancellation_IsNotWrapped()
    {
        await using var server = (await FakeBedrockServer.StartAsync()).Enqueue(FakeResponse.Never());
        using var client = BedrockTestClient.Create(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(BedrockTestClient.Conversation(), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task EndpointThatNeverAcceptsTheConnection_IsATimeoutWithinTheConnectTimeout()
    {
        // A loopback listener whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(endpoint);
            }

            await Task.Delay(200);
            await using var server = await FakeBedrockServer.StartAsync();
            var options = BedrockTestClient.Options(server, configure: o =>
                (o.Endpoint, o.ConnectTimeout, o.ReadTimeout) = (new Uri($"http://127.0.0.1:{endpoint.Port}"), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(20)));
            using var client = new BedrockChatClient(options, NullLogger.Instance);
            var watch = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync(BedrockTestClient.Conversation()));

            Assert.Equal(ChatProviderFailure.Timeout, ex.Failure);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }
}
