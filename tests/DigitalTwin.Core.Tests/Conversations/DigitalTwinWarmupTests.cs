using Microsoft.Extensions.Hosting;

namespace DigitalTwin.Core.Tests.Conversations;

public sealed class DigitalTwinWarmupTests
{
    [Fact]
    public async Task HostStart_completes_only_once_every_persona_is_loaded()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        builder.Services.AddDigitalTwin("second", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        using var host = builder.Build();
        var started = false;
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started = true);

        await host.StartAsync();

        var catalog = host.Services.GetRequiredService<IDigitalTwinCatalog>();
        Assert.True(started);
        Assert.All(catalog.Names, name => Assert.True(catalog.Find(name)!.GetService<Twin>()!.GetPromptAsync().IsCompletedSuccessfully, name));
        await host.StopAsync();
    }

    [Fact]
    public async Task HostStart_with_a_persona_that_fails_to_load_fails_and_the_application_never_counts_as_started()
    {
        using var temp = new TempDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Create(temp, "{ \"full_name\": ")).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        using var host = builder.Build();
        var started = false;
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started = true);

        await Assert.ThrowsAsync<DigitalTwin.Persona.PersonaException>(() => host.StartAsync());

        Assert.False(started);
    }
}
