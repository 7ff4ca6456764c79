using DigitalTwin.AspNetCore;

namespace DigitalTwin.AspNetCore.Tests.Support;

/// <summary>A real Kestrel app on 127.0.0.1 with the sample persona, a fake model and the in-memory store.</summary>
public sealed class TwinWebApp : IAsyncDisposable
{
    private readonly LoopbackApp _app;

    private TwinWebApp(LoopbackApp app, FakeChatClient model)
    {
        _app = app;
        Model = model;
    }

    public static string SamplePersona => Path.Combine(AppContext.BaseDirectory, "persona");

    public WebApplication App => _app.App;

    public HttpClient Client => _app.Client;

    public FakeChatClient Model { get; }

    public static async Task<TwinWebApp> StartAsync(
        Action<IDigitalTwinBuilder, FakeChatClient>? twin = null,
        Action<DigitalTwinEndpointOptions>? endpoints = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var model = new FakeChatClient();
        var app = await LoopbackApp.StartAsync(app => app.MapDigitalTwin(endpoints), builder =>
        {
            configure?.Invoke(builder);
            var twinBuilder = builder.Services.AddDigitalTwin(o => o.PersonaDirectory = SamplePersona);
            if (twin is null)
            {
                twinBuilder.UseChatClient(model).UseInMemoryStore();
            }
            else
            {
                twin(twinBuilder, model);
            }
        });
        return new TwinWebApp(app, model);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
