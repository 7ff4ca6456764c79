using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>A real Kestrel host on 127.0.0.1 with an ephemeral port, for tests over real sockets.</summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    private WebTestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",

            // An empty content root: no appsettings.json from the output folder (the sample's) leaks into these hosts.
            ContentRootPath = Directory.CreateTempSubdirectory("dt-web-host-").FullName,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = TestPersona.Create() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        if (services is null)
        {
            builder.Services.AddDigitalTwin().UseChatClient(chat ?? new FakeChatClient { Pieces = FakeChatClient.Hello }).UseInMemoryStore();
        }
        else
        {
            services(builder.Services);
        }

        var app = builder.Build();
        if (map is null)
        {
            app.MapDigitalTwin();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebTestHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
