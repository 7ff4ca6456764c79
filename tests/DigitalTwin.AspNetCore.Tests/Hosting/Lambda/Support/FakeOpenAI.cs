namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>
/// A loopback OpenAI-compatible server for the sample (OPENAI_BASE_URL): Chat Completions as JSON, or as SSE chunks with a
/// pause between them so a test can tell a streamed answer from a buffered one.
/// </summary>
public sealed class FakeOpenAI : IAsyncDisposable
{
    public static readonly string[] Pieces = ["Hello", " from", " the", " twin."];
    private LoopbackApp _app = null!;

    public string BaseUrl => _app.BaseAddress + "v1";

    public TimeSpan PauseBetweenChunks { get; set; } = TimeSpan.FromMilliseconds(400);

    private int _calls;

    public int Calls => _calls;

    public static async Task<FakeOpenAI> StartAsync()
    {
        var fake = new FakeOpenAI();
        fake._app = await LoopbackApp.StartAsync(app => app.MapPost("/v1/chat/completions", fake.CompleteAsync));
        return fake;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var stream = request.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "gpt-4o-mini",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(Pieces) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 4, total_tokens = 14 },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var piece in Pieces)
        {
            var chunk = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion.chunk",
                created = 1_700_000_000,
                model = "gpt-4o-mini",
                choices = new[] { new { index = 0, delta = new { role = "assistant", content = piece }, finish_reason = (string?)null } },
            });
            await context.Response.WriteAsync("data: " + chunk + "\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
            await Task.Delay(PauseBetweenChunks);
        }

        var last = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "gpt-4o-mini",
            choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
        });
        await context.Response.WriteAsync("data: " + last + "\n\ndata: [DONE]\n\n", Encoding.UTF8);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
