using System.Text;

// POST /v1/chat/completions on 127.0.0.1 answering like OpenAI's Chat Completions API, JSON or SSE ("stream": true),
// always with usage. Arguments: --port N (default 5199), --delay-ms N (default 0: answer at once).
var port = IntArg(args, "--port", 5199);
var delay = TimeSpan.FromMilliseconds(IntArg(args, "--delay-ms", 0));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
var app = builder.Build();

var json = Encoding.UTF8.GetBytes(StubAnswers.Json);
var streamed = Encoding.UTF8.GetBytes(StubAnswers.Sse);
var streamFlag = "\"stream\":true"u8.ToArray();

app.MapPost("/v1/chat/completions", async (HttpContext context) =>
{
    using var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body, context.RequestAborted);
    if (delay > TimeSpan.Zero)
    {
        await Task.Delay(delay, context.RequestAborted);
    }

    var stream = body.GetBuffer().AsSpan(0, (int)body.Length).IndexOf(streamFlag) >= 0;
    context.Response.ContentType = stream ? "text/event-stream" : "application/json";
    context.Response.ContentLength = stream ? streamed.Length : json.Length;
    await context.Response.Body.WriteAsync(stream ? streamed : json, context.RequestAborted);
});
app.MapGet("/health", () => "ok");

Console.WriteLine($"OpenAI stub on http://127.0.0.1:{port}/v1 (delay {delay.TotalMilliseconds} ms)");
await app.RunAsync();

static int IntArg(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
