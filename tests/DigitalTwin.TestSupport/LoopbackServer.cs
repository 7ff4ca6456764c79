using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.Testing;

/// <summary>A real HTTP server on 127.0.0.1 with a free port, answering with a delegate the test sets and recording every request.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackApp _app = null!;

    public Func<HttpContext, Task> Handler { get; set; } = context =>
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    };

    public List<(string Method, string Path, IHeaderDictionary Headers, string Body)> Requests { get; } = [];

    public Uri BaseAddress => _app.BaseAddress;

    public static async Task<LoopbackServer> StartAsync()
    {
        var server = new LoopbackServer();
        server._app = await LoopbackApp.StartAsync(app => app.Run(server.RecordAsync));
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        lock (Requests)
        {
            Requests.Add((context.Request.Method, context.Request.Path + context.Request.QueryString, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
        }

        await Handler(context);
    }
}
