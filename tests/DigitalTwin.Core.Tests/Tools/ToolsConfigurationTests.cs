using DigitalTwin.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Tools;

/// <summary>The <c>DigitalTwin:Tools</c> section: bound by the source-generated binder, validated with every error listed.</summary>
public sealed class ToolsConfigurationTests
{
    [Fact]
    public void Section_IsBound_AndTurnsLeadCaptureOn()
    {
        using var host = new TwinHost(settings: new Dictionary<string, string?>
        {
            ["DigitalTwin:Tools:LeadCapture"] = "true",
            ["DigitalTwin:Tools:MaxToolCallsPerTurn"] = "5",
            ["DigitalTwin:Tools:MaxRecordsPerSession"] = "2",
            ["DigitalTwin:Tools:MaxRecordsPerClient"] = "7",
            ["DigitalTwin:Tools:RecordLimitWindow"] = "00:30:00",
        });

        var tools = Options(host).Tools;

        Assert.Equal((true, 5, 2, 7, TimeSpan.FromMinutes(30)), (tools.LeadCapture, tools.MaxToolCallsPerTurn, tools.MaxRecordsPerSession, tools.MaxRecordsPerClient, tools.RecordLimitWindow));
    }

    [Fact]
    public void Defaults_AreOff_WithSmallLimits()
    {
        var tools = new ToolsOptions();

        Assert.Equal((false, 3, 3, 10, TimeSpan.FromHours(1)), (tools.LeadCapture, tools.MaxToolCallsPerTurn, tools.MaxRecordsPerSession, tools.MaxRecordsPerClient, tools.RecordLimitWindow));
    }

    [Fact]
    public void BadValues_AreAllReported_WithTheirPaths()
    {
        using var host = new TwinHost(settings: new Dictionary<string, string?>
        {
            ["DigitalTwin:Tools:LeadCapture"] = "yes please",
            ["DigitalTwin:Tools:MaxToolCallsPerTurn"] = "0",
            ["DigitalTwin:Tools:MaxRecordsPerSession"] = "-1",
            ["DigitalTwin:Tools:MaxRecordsPerClient"] = "lots",
            ["DigitalTwin:Tools:RecordLimitWindow"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => Options(host));

        Assert.Contains("DigitalTwin:Tools:LeadCapture is 'yes please': use true or false.", error.Failures);
        Assert.Contains("DigitalTwin:Tools:MaxRecordsPerClient is 'lots': use a whole number.", error.Failures);
        Assert.Contains("DigitalTwin:Tools:MaxToolCallsPerTurn is 0: use 1 to 20 (default 3).", error.Failures);
        Assert.Contains("DigitalTwin:Tools:MaxRecordsPerSession is -1: use 1 to 1000 (default 3).", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("DigitalTwin:Tools:RecordLimitWindow is 00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void NamedTwin_ReadsItsOwnToolsSection()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DigitalTwin:Twins:sales:Tools:MaxToolCallsPerTurn"] = "25" }).Build());
        services.AddDigitalTwin("sales", o => o.PersonaDirectory = PersonaFolder.Sample).UseInMemoryStore();
        using var sp = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get("sales"));

        Assert.Contains("DigitalTwin:Twins:sales:Tools:MaxToolCallsPerTurn is 25: use 1 to 20 (default 3).", error.Failures);
    }

    [Fact]
    public void UseLeadCapture_WinsOverConfiguration_AndAppliesItsDelegate()
    {
        using var host = new TwinHost(
            b => b.UseChatClient(new ToolCallingModel()).UseInMemoryStore().UseLeadCapture(t => t.MaxRecordsPerClient = 4),
            settings: new Dictionary<string, string?> { ["DigitalTwin:Tools:LeadCapture"] = "false", ["DigitalTwin:Tools:MaxRecordsPerClient"] = "9" });

        var tools = Options(host).Tools;

        Assert.Equal((true, 4), (tools.LeadCapture, tools.MaxRecordsPerClient));
    }

    private static DigitalTwinOptions Options(TwinHost host) =>
        host.Services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get(DigitalTwinDefaults.TwinName);
}
