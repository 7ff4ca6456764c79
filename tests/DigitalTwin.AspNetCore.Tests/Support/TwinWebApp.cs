using DigitalTwin.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Support;

/// <summary>A real Kestrel app on 127.0.0.1 with the sample persona, a fake model and the in-memory store.</summary>
public sealed class TwinWebApp : IAsyncDisposable
{
    private TwinWebApp(WebApplication app, HttpClient client, FakeChatClient model)
    {
        App = app;
        Client = client;
        Model = model;
    }

    public static string SamplePersona => Path.Combine(AppContext.BaseDirectory, "persona");

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeChatClient Model { get; }

    public static async Task<TwinWebApp> StartAsync(
        Action<IDigitalTwinBuilder, FakeChatClient>? twin = null,
        Action<DigitalTwinEndpointOptions>? endpoints = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        var model = new FakeChatClient();
        var twinBuilder = builder.Services.AddDigitalTwin(o => o.PersonaDirectory = SamplePersona);
        if (twin is null)
        {
            twinBuilder.UseChatClient(model).UseInMemoryStore();
        }
        else
        {
            twin(twinBuilder, model);
        }

        var app = builder.Build();
        app.MapDigitalTwin(endpoints);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TwinWebApp(app, new HttpClient { BaseAddress = new Uri(address) }, model);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
