using DigitalTwin.Providers.Bedrock;
using DigitalTwin.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Builds clients pointed at a fake server, and the conversation the tests send.</summary>
internal static class BedrockTestClient
{
    public const string Persona = "You are Ada, a senior .NET engineer. Answer as Ada, in the visitor's language.";

    public static BedrockOptions Options(FakeBedrockServer server, TestCredentials? credentials = null, Action<BedrockOptions>? configure = null)
    {
        var options = new BedrockOptions
        {
            Region = FakeBedrockServer.Region,
            Endpoint = server.Endpoint,
            Credentials = (credentials ?? TestCredentials.Basic).ToAws(),
            ReadTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public static BedrockChatClient Create(FakeBedrockServer server, TestCredentials? credentials = null, Action<BedrockOptions>? configure = null) =>
        new(Options(server, credentials, configure), NullLogger.Instance);

    /// <summary>The provider inside the twin's resilience pipeline (the only retry layer), with short back-offs.</summary>
    public static IChatClient CreateResilient(FakeBedrockServer server, int maxRetries = 3)
    {
        var resilience = new ResilienceOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(10), CircuitBreakerEnabled = false };
        return new ResilientChatClient(Create(server), ChatResiliencePipeline.Create(resilience, TimeProvider.System), resilience, TimeProvider.System);
    }

    /// <summary>
    /// Queues a tool round on <paramref name="server"/>: the model asks for record_user_details with <paramref name="input"/>
    /// (when streamed, its input in two deltas split at <paramref name="split"/>), then answers "Thanks Grace, Ada will write to you.".
    /// </summary>
    public static async Task EnqueueToolRoundAsync(FakeBedrockServer server, bool stream, string input, int split) => server.Enqueue(stream
        ? [FakeResponse.EventStream(await Frames.EncodeAsync(Frames.ToolUse("Un momento. ", "tooluse_01", "record_user_details", input[..split], input[split..])), [1, 3, 7]),
           FakeResponse.EventStream(await Frames.EncodeAsync(Frames.Conversation("Thanks Grace, ", "Ada will write to you.")), [5])]
        : [FakeResponse.Json(200, ToolUseResponse("tooluse_01", "record_user_details", input)),
           FakeResponse.Json(200, ConverseResponse("Thanks Grace, Ada will write to you."))]);

    /// <summary>The text <paramref name="client"/> streams for <see cref="Conversation"/>.</summary>
    public static async Task<string> StreamTextAsync(IChatClient client) =>
        string.Concat((await client.GetStreamingResponseAsync(Conversation()).ToListAsync()).Select(u => u.Text));

    /// <summary>The twin's shape of a call: persona system message, a history window, then the new user message.</summary>
    public static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, Persona),
        new(ChatRole.User, "Hola, ¿quién eres?"),
        new(ChatRole.Assistant, "Soy Ada — ingeniera sénior de .NET."),
        new(ChatRole.User, "What did you work on at “Contoso”?"),
    ];

    public static string ConverseResponse(string text, string stopReason = "end_turn") =>
        $$$"""
        {"output":{"message":{"role":"assistant","content":[{"text":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}]}},
         "stopReason":"{{{stopReason}}}",
         "usage":{"inputTokens":22,"outputTokens":57,"totalTokens":79,"cacheReadInputTokens":10,"cacheWriteInputTokens":3},
         "metrics":{"latencyMs":1864}}
        """;

    /// <summary>A Converse answer with the text "Un momento. " and one toolUse block.</summary>
    public static string ToolUseResponse(string toolUseId, string name, string input) =>
        $$$"""
        {"output":{"message":{"role":"assistant","content":[{"text":"Un momento. "},{"toolUse":{"toolUseId":"{{{toolUseId}}}","name":"{{{name}}}","input":{{{input}}}}}]}},
         "stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":20,"totalTokens":50},"metrics":{"latencyMs":5}}
        """;

    /// <summary>
    /// A service provider with the default twin (persona "Ada" written to <paramref name="persona"/>, in-memory store) on
    /// <c>UseBedrock</c> against <paramref name="server"/>; <paramref name="configure"/> adds to the twin (for example lead capture).
    /// </summary>
    public static async Task<ServiceProvider> TwinServicesAsync(FakeBedrockServer server, TempDirectory persona, Action<IDigitalTwinBuilder>? configure = null)
    {
        await File.WriteAllTextAsync(Path.Combine(persona.Path, "facts.json"), """{"full_name":"Ada Lovelace","name":"Ada"}""");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var twin = services.AddDigitalTwin(o => o.PersonaDirectory = persona.Path).UseInMemoryStore().UseBedrock(o =>
        {
            var test = Options(server);
            (o.Region, o.Endpoint, o.Credentials) = (test.Region, test.Endpoint, test.Credentials);
        });
        configure?.Invoke(twin);
        return services.BuildServiceProvider();
    }
}
