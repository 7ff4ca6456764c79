using DigitalTwin.Memory.S3;
using DigitalTwin.Providers.Bedrock;
using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Configuration;

/// <summary>One options pattern: source-generated binding, every error with its path, allowed values, environment for the default twin only.</summary>
public sealed class OptionsPatternTests
{
    private static async Task<IReadOnlyList<string>> StartFailuresAsync(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services);
        using var host = builder.Build();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var all = ex is AggregateException many ? many.InnerExceptions : [ex];
        return all.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
    }

    [Fact]
    public async Task UnconvertibleValues_AreReportedTogetherWithValidationErrors_NamingPathValueAndAllowedValues()
    {
        var failures = await StartFailuresAsync(new()
        {
            ["DigitalTwin:PersonaDirectory"] = PersonaFolder.Sample,
            ["DigitalTwin:Language"] = "es",
            ["DigitalTwin:MaxHistoryMessages"] = "abc",
            ["DigitalTwin:MaxMessageLength"] = "0",
            ["DigitalTwin:Resilience:CircuitBreakerEnabled"] = "maybe",
        }, s => s.AddDigitalTwin().UseInMemoryStore());

        Assert.Contains("DigitalTwin:Language is 'es': use English or Spanish.", failures);
        Assert.Contains("DigitalTwin:MaxHistoryMessages is 'abc': use a whole number.", failures);
        Assert.Contains("DigitalTwin:Resilience:CircuitBreakerEnabled is 'maybe': use true or false.", failures);
        Assert.Contains(failures, f => f.StartsWith("DigitalTwin:MaxMessageLength is 0", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Failed to convert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NamedTwinsStoreAndProviderErrors_CarryTheirOwnPaths_AndAreAllListed()
    {
        var failures = await StartFailuresAsync(new()
        {
            ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Sample,
            ["DigitalTwin:Twins:ada:FileStore:Directory"] = " ",
            ["DigitalTwin:Twins:ada:FileStore:LockTimeout"] = "-00:00:01",
            ["DigitalTwin:Twins:ada:Bedrock:MaxTokens"] = "0",
            ["DigitalTwin:Twins:ada:S3Store:ServerSideEncryption"] = "Rot13",
        }, s => s.AddDigitalTwin("ada").UseFileStore().UseBedrock());

        Assert.Contains(failures, f => f.StartsWith("DigitalTwin:Twins:ada:FileStore:Directory is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DigitalTwin:Twins:ada:FileStore:LockTimeout is", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DigitalTwin:Twins:ada:Bedrock:MaxTokens is 0", StringComparison.Ordinal));
    }

    [Fact]
    public void UnsupportedEnumInAStoreSection_ListsTheAllowedValues()
    {
        using var host = new TwinHost(settings: new Dictionary<string, string?> { ["DigitalTwin:S3Store:ServerSideEncryption"] = "Rot13" });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get("default"));

        Assert.Contains("DigitalTwin:S3Store:ServerSideEncryption is 'Rot13': use None, Aes256, Kms.", ex.Failures);
    }

    [Fact]
    public void OriginalTwinsVariables_ApplyToTheDefaultTwinOnly()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OPENAI_MODEL"] = "gpt-from-env",
            ["MEMORY_DIR"] = "/tmp/from-env",
            ["BEDROCK_MODEL_ID"] = "us.amazon.nova-pro-v1:0",
            ["DigitalTwin:PersonaDirectory"] = PersonaFolder.Sample,
            ["DigitalTwin:Twins:ada:PersonaDirectory"] = PersonaFolder.Sample,
        }).Build());
        services.AddDigitalTwin().UseOpenAI().UseFileStore();
        services.AddDigitalTwin("ada").UseOpenAI().UseFileStore().UseBedrock();
        using var sp = services.BuildServiceProvider();

        var openai = sp.GetRequiredService<IOptionsMonitor<OpenAIProviderOptions>>();
        Assert.Equal(("gpt-from-env", "gpt-4o-mini"), (openai.Get("default").Model, openai.Get("ada").Model));
        var files = sp.GetRequiredService<IOptionsMonitor<FileStoreOptions>>();
        Assert.Equal(("/tmp/from-env", "memory"), (files.Get("default").Directory, files.Get("ada").Directory));
        Assert.Equal(BedrockOptions.DefaultModelId, sp.GetRequiredService<IOptionsMonitor<BedrockOptions>>().Get("ada").ModelId);
    }
}
