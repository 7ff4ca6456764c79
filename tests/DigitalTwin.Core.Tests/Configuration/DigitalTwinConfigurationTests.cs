using DigitalTwin.Providers.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Configuration;

public sealed class DigitalTwinConfigurationTests
{
    [Fact]
    public void OriginalEnvironmentVariables_ConfigureTheProviderAndStore()
    {
        using var host = new TwinHost(b => b.UseOpenAI().UseFileStore(), new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-from-env",
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1",
            ["MEMORY_DIR"] = "/tmp/dt-memory",
        });

        var openai = host.Services.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>().Get("default");
        Assert.Equal("sk-from-env", openai.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), openai.Endpoint);
        Assert.Equal("/tmp/dt-memory", host.Services.GetRequiredService<IOptionsMonitor<FileStoreOptions>>().Get("default").Directory);
    }

    [Fact]
    public void OriginalVariables_OverrideTheSection_AndCodeOverridesBoth()
    {
        using var host = new TwinHost(b => b.UseOpenAI(o => o.Model = "from-code"), new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-from-env",
            ["DigitalTwin:OpenAI:ApiKey"] = "sk-from-section",
            ["DigitalTwin:OpenAI:Model"] = "from-section",
            ["DigitalTwin:MaxHistoryMessages"] = "4",
        });

        var openai = host.Services.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>().Get("default");
        Assert.Equal("sk-from-env", openai.ApiKey);
        Assert.Equal("from-code", openai.Model);
        Assert.Equal(4, host.Services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get("default").MaxHistoryMessages);
    }

    [Fact]
    public void NamedTwin_ReadsItsOwnSection()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DigitalTwin:Twins:alice:PersonaDirectory"] = PersonaFolder.Sample,
            ["DigitalTwin:Twins:alice:OpenAI:Model"] = "alice-model",
        }).Build());
        services.AddDigitalTwin("alice").UseOpenAI();
        using var sp = services.BuildServiceProvider();

        Assert.Equal(PersonaFolder.Sample, sp.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get("alice").PersonaDirectory);
        Assert.Equal("alice-model", sp.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>().Get("alice").Model);
    }

    [Fact]
    public async Task OpenAIBaseUrlFromEnvironment_IsUsedForChat()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"c","object":"chat.completion","created":1,"model":"local-model","choices":[{"index":0,"message":{"role":"assistant","content":"From the local server."},"finish_reason":"stop"}]}""");
        };
        using var host = new TwinHost(b => b.UseOpenAI().UseInMemoryStore(), new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = server.BaseAddress + "v1" });

        var reply = await host.Twin.ChatAsync(new TwinChatRequest("Hi"));

        Assert.Equal("From the local server.", reply.Response);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public void DuplicateTwinName_Throws()
    {
        var services = new ServiceCollection();
        services.AddDigitalTwin();
        var ex = Assert.Throws<InvalidOperationException>(() => services.AddDigitalTwin("DEFAULT"));
        Assert.Contains("already registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithInvalidSettings_FailsListingEveryProblem()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DigitalTwin:PersonaDirectory"] = "/no/such/persona",
            ["DigitalTwin:MaxHistoryMessages"] = "-1",
            ["DigitalTwin:OpenAI:Endpoint"] = "ftp://example.com",
            ["DigitalTwin:IdempotencyKeySecret"] = "short",
        });
        builder.Services.AddDigitalTwin().UseOpenAI();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var failures = ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(failures, f => f.Contains("PersonaDirectory '/no/such/persona' does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxHistoryMessages is -1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("must be an absolute http or https address", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IdempotencyKeySecret has 5 characters: use at least 32", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_WithBrokenFactsJson_FailsWithThePersonaError()
    {
        using var temp = new TempDirectory();
        var dir = PersonaFolder.Create(temp, "{ \"full_name\": ");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDigitalTwin(o => o.PersonaDirectory = dir).UseInMemoryStore();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<DigitalTwin.Persona.PersonaException>(() => host.StartAsync());

        Assert.Contains("facts.json is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithoutApiKey_StartsAndChatSaysWhatToSet()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseOpenAI().UseInMemoryStore();
        using var host = builder.Build();
        await host.StartAsync();

        var ex = await Assert.ThrowsAsync<DigitalTwin.Providers.ChatProviderException>(() => host.Services.GetRequiredService<IDigitalTwin>().ChatAsync(new TwinChatRequest("hi")));

        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }
}
