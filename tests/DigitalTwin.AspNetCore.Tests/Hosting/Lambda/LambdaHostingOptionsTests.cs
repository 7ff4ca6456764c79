using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaHostingOptionsTests
{
    private static LambdaHostingOptions Options(Dictionary<string, string?> settings, Action<LambdaHostingOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddDigitalTwinLambdaHosting(configure);
        return services.BuildServiceProvider().GetRequiredService<IOptions<LambdaHostingOptions>>().Value;
    }

    [Fact]
    public void NoSettings_StreamingIsOff()
    {
        Assert.False(Options([]).ResponseStreaming);
    }

    [Fact]
    public void ConfigurationSection_TurnsStreamingOn()
    {
        Assert.True(Options(new() { ["DigitalTwin:Lambda:ResponseStreaming"] = "true" }).ResponseStreaming);
    }

    [Fact]
    public void EnvironmentVariable_OverridesTheSection()
    {
        var options = Options(new() { ["DigitalTwin:Lambda:ResponseStreaming"] = "false", ["DIGITALTWIN_LAMBDA_STREAMING"] = "true" });
        Assert.True(options.ResponseStreaming);
    }

    [Fact]
    public void Delegate_HasTheLastWord()
    {
        var options = Options(new() { ["DIGITALTWIN_LAMBDA_STREAMING"] = "true", ["DigitalTwin:Lambda:RuntimeApi"] = "127.0.0.1:9001" }, o => o.ResponseStreaming = false);
        Assert.False(options.ResponseStreaming);
        Assert.Equal("127.0.0.1:9001", options.RuntimeApi);
    }
}
