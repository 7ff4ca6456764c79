using DigitalTwin.Conversations;

// The Kestrel sample's setup, served by AWS Lambda's Runtime API when AWS_LAMBDA_RUNTIME_API is set (Kestrel otherwise).
var printPrompt = args.Contains("--print-prompt");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--print-prompt").ToArray());

builder.Services.AddDigitalTwinLambdaHosting();
var twin = builder.Services.AddDigitalTwin().UseOpenAI().AddDigitalTwinHealthChecks();
builder.Services.AddOpenApi();

// The stack's MemoryStore: USE_S3=true (with S3_BUCKET) already makes the S3 store the default; DynamoDB is chosen here.
// Otherwise the file store, under /tmp on Lambda.
if (string.Equals(builder.Configuration["DigitalTwin:Store"], "DynamoDB", StringComparison.OrdinalIgnoreCase))
{
    twin.UseDynamoDbStore();
}

var app = builder.Build();

if (printPrompt)
{
    // Shows exactly what the twin would send as its system prompt; needs no API key or network.
    Console.WriteLine(await app.Services.GetRequiredService<IDigitalTwin>().RenderSystemPromptAsync());
    return;
}

app.MapDigitalTwin();       // the API, /health and /health/ready
app.MapDigitalTwinChat();   // the chat page at /chat-ui/
app.MapOpenApi();           // the OpenAPI document at /openapi/v1.json
app.Run();

/// <summary>The sample's entry point, visible to integration tests.</summary>
public partial class Program;
