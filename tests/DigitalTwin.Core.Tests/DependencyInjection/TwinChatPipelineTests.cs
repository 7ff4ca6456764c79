using DigitalTwin.Providers;
using DigitalTwin.Resilience;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.DependencyInjection;

/// <summary>Each twin's model client is an ordinary Microsoft.Extensions.AI pipeline the user can extend.</summary>
public sealed class TwinChatPipelineTests
{
    private static ServiceProvider Build(Action<IDigitalTwinBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        configure(services.AddDigitalTwin(o =>
        {
            o.PersonaDirectory = PersonaFolder.Sample;
            (o.Resilience.MaxRetries, o.Resilience.BaseDelay) = (2, TimeSpan.FromMilliseconds(1));
        }).UseInMemoryStore());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void KeyedChatClient_IsTelemetryThenLoggingThenResilienceThenTheProvider()
    {
        var model = new FakeChatClient();
        using var sp = Build(b => b.UseChatClient(model));

        var client = sp.GetRequiredKeyedService<IChatClient>("default");

        Assert.IsType<OpenTelemetryChatClient>(client);
        var logging = Assert.IsType<LoggingChatClient>(((DelegatingChatClient)client).GetService<LoggingChatClient>());
        Assert.NotNull(logging.GetService<ResilientChatClient>());
        Assert.Same(model, client.GetService<FakeChatClient>());
        Assert.Same(client, sp.GetRequiredService<IDigitalTwin>().GetService<IChatClient>());
    }

    [Fact]
    public async Task UserMiddleware_RunsInsideResilience_InTheOrderAdded_SoEachRetryPassesThroughIt()
    {
        var model = new FakeChatClient();
        var seen = new List<string>();
        var failures = 1;
        using var sp = Build(b => b.UseChatClient(model)
            .ConfigureChatClient(p => p.Use((messages, options, next, ct) => { seen.Add("outer"); return next(messages, options, ct); }))
            .ConfigureChatClient(p => p.Use((messages, options, next, ct) =>
            {
                seen.Add("inner");
                return failures-- > 0 ? throw new ChatProviderException(ChatProviderFailure.Unavailable, "blip") : next(messages, options, ct);
            })));

        var reply = await sp.GetRequiredService<IDigitalTwin>().ChatAsync(new TwinChatRequest("Hello"));

        Assert.StartsWith("Echo: Hello", reply.Response, StringComparison.Ordinal);
        Assert.Equal(["outer", "inner", "outer", "inner"], seen);
        Assert.Single(model.Calls);
    }

    [Fact]
    public async Task UseDistributedCache_FromMicrosoftExtensionsAI_AnswersARepeatedCallFromTheCache()
    {
        var model = new FakeChatClient();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var sp = Build(b => b.UseChatClient(model).ConfigureChatClient(p => p.UseDistributedCache(cache)));
        var client = sp.GetRequiredKeyedService<IChatClient>("default");
        ChatMessage[] question = [new(ChatRole.User, "What do you work on?")];

        var first = await client.GetResponseAsync(question);
        var second = await client.GetResponseAsync(question);

        Assert.Equal(first.Text, second.Text);
        Assert.Single(model.Calls);
    }

    [Fact]
    public void ClientGivenAsAnInstance_IsNotDisposedWithTheContainer_AFactorysClientIs()
    {
        var given = new DisposalProbe();
        var made = new DisposalProbe();
        var services = new ServiceCollection();
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(given).UseInMemoryStore();
        services.AddDigitalTwin("ada", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(_ => made).UseInMemoryStore();
        using (var sp = services.BuildServiceProvider())
        {
            _ = sp.GetRequiredKeyedService<IChatClient>("default");
            _ = sp.GetRequiredKeyedService<IChatClient>("ada");
        }

        Assert.False(given.Disposed);
        Assert.True(made.Disposed);
    }

    [Fact]
    public void ConfigureChatClient_ForATwinNeverRegistered_SaysWhatToCall()
    {
        var builder = new ServiceCollection().AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample);
        var stranger = new StrangerBuilder(builder.Services);

        var ex = Assert.Throws<InvalidOperationException>(() => stranger.ConfigureChatClient(_ => { }));

        Assert.Contains("AddDigitalTwin(\"nobody\")", ex.Message, StringComparison.Ordinal);
    }

    private sealed class StrangerBuilder(IServiceCollection services) : IDigitalTwinBuilder
    {
        public string Name => "nobody";

        public IServiceCollection Services { get; } = services;
    }

    private sealed class DisposalProbe : IChatClient
    {
        public bool Disposed { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<ChatResponseUpdate>();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => Disposed = true;
    }
}
