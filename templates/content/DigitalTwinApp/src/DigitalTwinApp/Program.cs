using DigitalTwin.Conversations;

// A digital twin of the person described in ./persona, answering with OpenAI (or any OpenAI-compatible server) and
// remembering each visitor in ./memory. Every setting is in appsettings.json.
var printPrompt = args.Contains("--print-prompt");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--print-prompt").ToArray());
if (printPrompt)
{
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // logs to stderr, the prompt alone on stdout
}

builder.Services.AddDigitalTwin().UseOpenAI();

var app = builder.Build();

if (printPrompt)
{
    // `dotnet run -- --print-prompt`: the exact system prompt, offline (no API key needed).
    Console.WriteLine(await app.Services.GetRequiredService<IDigitalTwin>().RenderSystemPromptAsync());
    return;
}

app.MapDigitalTwin();       // POST /chat, POST /chat/stream, GET /conversation/{id}, GET /persona, GET /health
app.MapDigitalTwinChat();   // the chat page at /chat-ui/
app.MapGet("/", () => Results.Redirect("/chat-ui/"));
app.Run();

/// <summary>The app's entry point, visible to the tests.</summary>
public partial class Program;
