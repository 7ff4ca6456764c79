using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>A twin registered with UseBedrock, end to end against the fake endpoint: persona as system blocks, history, stored turns.</summary>
public sealed class BedrockTwinTests : IAsyncLifetime
{
    private readonly TempDirectory _persona = new();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_persona.Path, "facts.json"), """{"full_name":"Ada Lovelace","name":"Ada"}""");
    }

    public Task DisposeAsync()
    {
        _persona.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Twin_SendsThePersonaAsSystem_ThenTheHistory_AndStoresTheTurns()
    {
        await using var server = await FakeBedrockServer.StartAsync(TestCredentials.Session);
        var frames = await Frames.EncodeAsync(Frames.Conversation("Second ", "answer"));
        server.Enqueue(FakeResponse.Json(200, BedrockTestClient.ConverseResponse("First answer")), FakeResponse.EventStream(frames, [1, 3, 7]));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDigitalTwin(o => o.PersonaDirectory = _persona.Path).UseInMemoryStore().UseBedrock(o =>
        {
            var test = BedrockTestClient.Options(server, TestCredentials.Session);
            (o.Region, o.Endpoint, o.Credentials, o.EnablePromptCaching) = (test.Region, test.Endpoint, test.Credentials, true);
        });
        await using var sp = services.BuildServiceProvider();
        var twin = sp.GetRequiredService<IDigitalTwin>();

        var first = await twin.ChatAsync(new TwinChatRequest("Hello, who are you?"));
        var streamed = await twin.ChatStreamingAsync(new TwinChatRequest("And what do you do?", first.SessionId)).ToListAsync();

        Assert.Equal("First answer", first.Response);
        Assert.Equal("Second answer", string.Concat(streamed.Where(u => u.Kind == TwinStreamUpdateKind.Delta).Select(u => u.Text)));
        var second = JsonNode.Parse(server.Requests.Last().BodyText)!;
        Assert.Contains("Ada", second["system"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("default", second["system"]![1]!["cachePoint"]!["type"]!.GetValue<string>());
        Assert.Equal(["user", "assistant", "user"], second["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("And what do you do?", second["messages"]![2]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(4, (await twin.GetConversationAsync(first.SessionId)).Count);
        server.AssertAllSigned();
    }

    [Fact]
    public async Task DefaultCredentialChain_ReadsLambdaStyleEnvironmentVariables()
    {
        var session = TestCredentials.Session;
        await using var server = (await FakeBedrockServer.StartAsync(session)).Enqueue(FakeResponse.Json(200, BedrockTestClient.ConverseResponse("ok")));
        var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", session.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", session.SecretKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", session.SessionToken);
        try
        {
            using var client = BedrockTestClient.Create(server, configure: o => o.Credentials = null);

            await client.GetResponseAsync(BedrockTestClient.Conversation());
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        Assert.Equal(session.SessionToken, Assert.Single(server.Requests).Headers["x-amz-security-token"]);
        server.AssertAllSigned();
    }
}
