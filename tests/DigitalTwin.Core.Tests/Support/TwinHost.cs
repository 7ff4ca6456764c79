using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>A service provider with one twin over the sample persona, a fake model and a fake clock.</summary>
public sealed class TwinHost : IDisposable
{
    public TwinHost(Action<IDigitalTwinBuilder>? configure = null, IDictionary<string, string?>? settings = null, Action<DigitalTwinOptions>? options = null)
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging();
        var builder = services.AddDigitalTwin(o =>
        {
            o.PersonaDirectory = PersonaFolder.Sample;
            o.Resilience.MaxRetries = 0; // the fake clock never advances on its own; resilience tests drive it themselves
            options?.Invoke(o);
        });
        if (configure is null)
        {
            builder.UseChatClient(Model).UseInMemoryStore();
        }
        else
        {
            configure(builder);
        }

        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));

    public FakeChatClient Model { get; } = new();

    public ServiceProvider Services { get; }

    public IDigitalTwin Twin => Services.GetRequiredService<IDigitalTwin>();

    public void Dispose() => Services.Dispose();
}
