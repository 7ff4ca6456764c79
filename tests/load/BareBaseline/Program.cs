using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BareBaseline;

// The bare baseline of one chat turn: POST /chat {"message", "session_id"?} makes one call to the OpenAI-compatible model
// (OPENAI_BASE_URL, the same stub the samples are measured against) with the system prompt and the message, then appends
// the turn as one JSON line to the session's file under MEMORY_DIR and fsyncs it, then answers {"response","session_id"}.
// No history, no validation beyond the JSON, no options, no telemetry: the floor the twin's overhead is compared with.
// GET /health answers 200 once the server listens. Environment: OPENAI_BASE_URL (default http://127.0.0.1:5199/v1),
// OPENAI_API_KEY, MEMORY_DIR (default ./memory), BASELINE_PROMPT_FILE (the system prompt; default one sentence).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));

var model = new Uri((Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "http://127.0.0.1:5199/v1").TrimEnd('/') + "/chat/completions");
var memory = Path.GetFullPath(Environment.GetEnvironmentVariable("MEMORY_DIR") ?? "memory");
Directory.CreateDirectory(memory);
var promptFile = Environment.GetEnvironmentVariable("BASELINE_PROMPT_FILE");
var prompt = string.IsNullOrEmpty(promptFile) ? "You are a helpful digital twin." : File.ReadAllText(promptFile);
using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "baseline");

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Text("healthy"));
app.MapPost("/chat", async (BaselineRequest request, CancellationToken cancel) =>
{
    if (string.IsNullOrEmpty(request.Message))
    {
        return Results.BadRequest();
    }

    var session = request.SessionId is { Length: > 0 } id && id.All(char.IsAsciiLetterOrDigit) ? id : Guid.NewGuid().ToString("N");
    var call = new ModelRequest("gpt-4o-mini", [new ModelMessage("system", prompt), new ModelMessage("user", request.Message)]);
    using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(call, BaselineJson.Default.ModelRequest));
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await http.PostAsync(model, content, cancel);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync(cancel);
    var choices = (await JsonSerializer.DeserializeAsync(body, BaselineJson.Default.ModelResponse, cancel))?.Choices;
    var answer = choices is { Count: > 0 } ? choices[0].Message.Content : "";

    var json = JsonSerializer.SerializeToUtf8Bytes(new StoredTurn(request.Message, answer, DateTimeOffset.UtcNow), BaselineJson.Default.StoredTurn);
    var line = new byte[json.Length + 1];
    json.CopyTo(line, 0);
    line[^1] = (byte)'\n';
    await using (var file = new FileStream(Path.Combine(memory, session + ".jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous))
    {
        await file.WriteAsync(line, cancel);
        file.Flush(flushToDisk: true);
    }

    return Results.Json(new BaselineResponse(answer, session), BaselineJson.Default.BaselineResponse);
});

Console.WriteLine(Encoding.UTF8.GetByteCount(prompt) + "-byte system prompt; model " + model);
app.Run();
