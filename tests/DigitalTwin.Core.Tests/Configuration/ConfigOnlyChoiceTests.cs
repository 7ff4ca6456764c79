using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Configuration;

/// <summary><c>DigitalTwin:Provider</c> and <c>DigitalTwin:Store</c>: the provider and store chosen without code.</summary>
public sealed class ConfigOnlyChoiceTests
{
    private static IHost Build(Dictionary<string, string?> settings, Action<IDigitalTwinBuilder>? code = null, string? twin = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings.TryAdd("DigitalTwin:PersonaDirectory", PersonaFolder.Sample);
        settings.TryAdd($"DigitalTwin:Twins:{twin}:PersonaDirectory", PersonaFolder.Sample);
        builder.Configuration.AddInMemoryCollection(settings);
        var twinBuilder = twin is null ? builder.Services.AddDigitalTwin() : builder.Services.AddDigitalTwin(twin);
        code?.Invoke(twinBuilder);
        return builder.Build();
    }

    private static async Task<string> StartFailureAsync(IHost host)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return ex.ToString();
    }

    [Fact]
    public async Task StoreInMemory_AndProviderBedrock_FromConfigurationAlone()
    {
        using var host = Build(new() { ["DigitalTwin:Twins:ada:Store"] = "InMemory", ["DigitalTwin:Twins:ada:Provider"] = "Bedrock", ["DigitalTwin:Twins:ada:Bedrock:Region"] = "eu-west-1" }, twin: "ada");
        await host.StartAsync();

        var twin = host.Services.GetRequiredKeyedService<IDigitalTwin>("ada");
        Assert.NotNull(twin.GetService<IConversationStore>()!.GetService(typeof(InMemoryConversationStore)));
        Assert.Equal("aws.bedrock", host.Services.GetRequiredKeyedService<IChatClient>("ada").GetService<ChatClientMetadata>()!.ProviderName);
        await host.StopAsync();
    }

    [Fact]
    public async Task StoreFile_FromConfiguration_WritesUnderItsSectionsDirectory()
    {
        using var temp = new TempDirectory();
        using var host = Build(new() { ["DigitalTwin:Store"] = "File", ["DigitalTwin:FileStore:Directory"] = temp.Path }, b => b.UseChatClient(new FakeChatClient()));
        await host.StartAsync();

        await host.Services.GetRequiredService<IDigitalTwin>().ChatAsync(new TwinChatRequest("Hello"));

        Assert.NotEmpty(Directory.EnumerateFiles(temp.Path, "*.jsonl", SearchOption.AllDirectories));
        await host.StopAsync();
    }

    [Fact]
    public async Task ChosenStoreMissingItsRequiredSetting_StopsTheStart_NamingTheSetting()
    {
        using var host = Build(new() { ["DigitalTwin:Store"] = "S3" }, b => b.UseChatClient(new FakeChatClient()));

        Assert.Contains("DigitalTwin:S3Store:Bucket is empty", await StartFailureAsync(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderOpenAIWithoutAKey_StopsTheStart_NamingTheVariable()
    {
        using var host = Build(new() { ["DigitalTwin:Provider"] = "OpenAI", ["DigitalTwin:Store"] = "InMemory" });

        Assert.Contains("OPENAI_API_KEY", await StartFailureAsync(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProviderOrStore_StopsTheStart_ListingTheAllowedValues()
    {
        using var host = Build(new() { ["DigitalTwin:Provider"] = "Gemini", ["DigitalTwin:Store"] = "Redis" });

        var failure = await StartFailureAsync(host);

        Assert.Contains("DigitalTwin:Provider is 'Gemini': use OpenAI or Bedrock.", failure, StringComparison.Ordinal);
        Assert.Contains("DigitalTwin:Store is 'Redis': use File, InMemory, S3, DynamoDB.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationAndCodeBothChoosing_StopsTheStart()
    {
        using var host = Build(new() { ["DigitalTwin:Store"] = "DynamoDB", ["DigitalTwin:Provider"] = "Bedrock" }, b => b.UseInMemoryStore().UseChatClient(new FakeChatClient()));

        var failure = await StartFailureAsync(host);

        Assert.Contains("but the code also chose", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoChoiceAnywhere_ButTheOriginalsApiKey_UsesOpenAI()
    {
        using var host = Build(new() { ["OPENAI_API_KEY"] = "sk-test", ["DigitalTwin:Store"] = "InMemory" });
        await host.StartAsync();

        Assert.Equal("openai", host.Services.GetRequiredKeyedService<IChatClient>("default").GetService<ChatClientMetadata>()!.ProviderName);
        await host.StopAsync();
    }
}
