using DigitalTwin.Conversations;

// The Kestrel sample's setup, served by AWS Lambda's Runtime API when AWS_LAMBDA_RUNTIME_API is set (Kestrel otherwise).
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

    builder.Services.AddDigitalTwinLambdaHosting();

    // The stack's choices (template.yaml): ModelProvider → DigitalTwin:Provider (Bedrock reads BEDROCK_MODEL_ID), and
    // MemoryStore → USE_S3=true with S3_BUCKET (the library's default store then is S3) or DigitalTwin:Store=DynamoDB with
    // DYNAMODB_TABLE. Otherwise OpenAI and the file store (under /tmp on Lambda).
    var twin = builder.Services.AddDigitalTwin();
    twin = string.Equals(builder.Configuration["DigitalTwin:Provider"], "Bedrock", StringComparison.OrdinalIgnoreCase) ? twin.UseBedrock() : twin.UseOpenAI();
    if (string.Equals(builder.Configuration["DigitalTwin:Store"], "DynamoDB", StringComparison.OrdinalIgnoreCase))
    {
        twin.UseDynamoDbStore();
    }

    twin.AddDigitalTwinHealthChecks();
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
