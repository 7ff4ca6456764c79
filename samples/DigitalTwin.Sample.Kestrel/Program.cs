using DigitalTwin.Conversations;

// The whole setup: a twin from the persona folder, answering with OpenAI, remembering visitors in files.
// A start-up failure (an invalid setting, a missing persona) ends the process with exit code 1 and the reason on stderr,
// rather than an unhandled-exception abort.
try
{
    var printPrompt = args.Contains("--print-prompt");
    var builder = WebApplication.CreateBuilder(args.Where(a => a != "--print-prompt").ToArray());
    if (printPrompt)
    {
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // logs to stderr, the prompt alone on stdout
    }

    builder.Services.AddDigitalTwin().UseOpenAI().AddDigitalTwinHealthChecks();
    builder.Services.AddOpenApi();

    var app = builder.Build();

    if (printPrompt)
    {
        // Shows exactly what the twin would send as its system prompt; needs no API key or network.
        Console.WriteLine(await app.Services.GetRequiredService<IDigitalTwin>().RenderSystemPromptAsync());
        return 0;
    }

    app.MapDigitalTwin();       // the API, /health and /health/ready
    app.MapDigitalTwinChat();   // the chat page at /chat-ui/
    app.MapOpenApi();           // the OpenAPI document at /openapi/v1.json
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException or DigitalTwin.Persona.PersonaException or IOException)
{
    Console.Error.WriteLine($"The app failed to start: {ex.Message}");
    return 1;
}

/// <summary>The sample's entry point, visible to integration tests.</summary>
public partial class Program;
