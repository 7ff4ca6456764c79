using DigitalTwin.Providers.Bedrock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

public sealed class BedrockRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<BedrockOptions>? configure = null, string? twin = null)
    {
        var services = new ServiceCollection();
        settings.TryAdd("DigitalTwin:PersonaDirectory", PersonaFolder.Sample);
        settings.TryAdd($"DigitalTwin:Twins:{twin}:PersonaDirectory", PersonaFolder.Sample);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var builder = twin is null ? services.AddDigitalTwin() : services.AddDigitalTwin(twin);
        builder.UseInMemoryStore().UseBedrock(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BedrockOptions();
        Assert.Equal(("global.amazon.nova-2-lite-v1:0", 2000, 0.7f, 0.9f), (options.ModelId, options.MaxTokens, options.Temperature, options.TopP));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(120)), (options.ConnectTimeout, options.ReadTimeout));
        Assert.False(options.EnablePromptCaching);
    }

    [Fact]
    public void EnvironmentVariablesOfTheOriginalBackend_OverrideTheSection()
    {
        using var sp = Build(new()
        {
            ["BEDROCK_MODEL_ID"] = "us.amazon.nova-pro-v1:0",
            ["DEFAULT_AWS_REGION"] = "eu-west-1",
            ["BEDROCK_CONNECT_TIMEOUT"] = "5",
            ["BEDROCK_READ_TIMEOUT"] = "30.5",
            ["BEDROCK_MAX_RETRIES"] = "6",
            ["BEDROCK_RETRY_DELAY"] = "0.25",
            ["DigitalTwin:Bedrock:Region"] = "us-west-2",
            ["DigitalTwin:Bedrock:EnablePromptCaching"] = "true",
        });

        var options = sp.GetRequiredService<IOptionsMonitor<BedrockOptions>>().Get("default");

        // Environment beats JSON files, as everywhere in ASP.NET Core: DEFAULT_AWS_REGION wins over the section's Region.
        Assert.Equal(("us.amazon.nova-pro-v1:0", "eu-west-1", true), (options.ModelId, options.Region, options.EnablePromptCaching));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30.5)), (options.ConnectTimeout, options.ReadTimeout));

        // The backend's retry settings now drive the twin's one resilience pipeline, which retries every provider.
        var resilience = sp.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get("default").Resilience;
        Assert.Equal((6, TimeSpan.FromSeconds(0.25)), (resilience.MaxRetries, resilience.BaseDelay));
    }

    [Fact]
    public void NamedTwin_ReadsItsOwnSection_AndCodeWins()
    {
        using var sp = Build(new() { ["DigitalTwin:Twins:ada:Bedrock:ModelId"] = "anthropic.claude-3-haiku-20240307-v1:0", ["DigitalTwin:Twins:ada:Bedrock:MaxTokens"] = "300" },
            o => o.Temperature = 0.1f, twin: "ada");

        var options = sp.GetRequiredService<IOptionsMonitor<BedrockOptions>>().Get("ada");

        Assert.Equal(("anthropic.claude-3-haiku-20240307-v1:0", 300, 0.1f), (options.ModelId, options.MaxTokens, options.Temperature));
    }

    [Fact]
    public void TheTwinsChatClient_IsBedrock()
    {
        using var sp = Build(new() { ["DigitalTwin:Bedrock:Region"] = "us-east-1" });

        var client = sp.GetRequiredKeyedService<IChatClient>("default");

        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("aws.bedrock", metadata.ProviderName);
        Assert.Equal(new Uri("https://bedrock-runtime.us-east-1.amazonaws.com"), metadata.ProviderUri);
    }

    [Theory]
    [InlineData("ModelId", "", "BEDROCK_MODEL_ID")]
    [InlineData("MaxTokens", "0", "MaxTokens")]
    [InlineData("Temperature", "1.5", "Temperature")]
    [InlineData("GuardrailIdentifier", "gr-1", "GuardrailVersion")]
    [InlineData("GuardrailTrace", "verbose", "enabled_full")]
    [InlineData("ReadTimeout", "00:00:00", "BEDROCK_READ_TIMEOUT")]
    public void InvalidSettings_FailWithActionableMessages(string key, string value, string hint)
    {
        using var sp = Build(new() { [$"DigitalTwin:Bedrock:{key}"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<BedrockOptions>>().Get("default"));

        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }
}
