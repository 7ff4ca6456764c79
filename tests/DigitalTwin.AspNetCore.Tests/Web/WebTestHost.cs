using Microsoft.Extensions.Configuration;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>A real Kestrel host on 127.0.0.1 with an ephemeral port, for tests over real sockets.</summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    private readonly LoopbackApp _app;

    private WebTestHost(LoopbackApp app) => _app = app;

    public WebApplication App => _app.App;

    public Uri BaseAddress => _app.BaseAddress;

    public HttpClient Client => _app.Client;

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a host. Without <paramref name="services"/>, registers the default twin with <paramref name="chat"/> (or a new
    /// <see cref="FakeChatClient"/>) and an in-memory store; without <paramref name="map"/>, maps <c>MapDigitalTwin()</c>.
    /// </summary>
    public static async Task<WebTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        FakeChatClient? chat = null)
    {
        var options = new WebApplicationOptions
        {
            EnvironmentName = "Development",

            // An empty content root: no appsettings.json from the output folder (the sample's) leaks into these hosts.
            ContentRootPath = Directory.CreateTempSubdirectory("dt-web-host-").FullName,
        };
        var config = new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = PersonaFolder.Create() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return new WebTestHost(await LoopbackApp.StartAsync(map ?? (app => app.MapDigitalTwin()), builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            if (services is null)
            {
                builder.Services.AddDigitalTwin().UseChatClient(chat ?? new FakeChatClient { Pieces = FakeChatClient.Hello }).UseInMemoryStore();
            }
            else
            {
                services(builder.Services);
            }
        }, options));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
