using DigitalTwin.Conversations;
using DigitalTwin.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The whole setup, chosen by configuration alone (appsettings.json, environment variables such as DigitalTwin__Provider,
// DigitalTwin__Store, OPENAI_API_KEY): a twin from the persona folder, its model provider, its conversation store.
// A start-up failure (an invalid setting, a missing persona) ends the process with exit code 1 and the reason on stderr.
try
{
    var printPrompt = args.Contains("--print-prompt");
    // The slim builder (as in the Native AOT templates) starts faster: console logging only, and Kestrel without HTTPS
    // endpoints. Terminate TLS in front of the app, or add builder.WebHost.UseKestrelHttpsConfiguration() for https:// URLs.
    var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--print-prompt").ToArray());
    if (printPrompt)
    {
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // logs to stderr, the prompt alone on stdout
    }

    builder.Services.AddDigitalTwinLambdaHosting(); // served by AWS Lambda's Runtime API when AWS_LAMBDA_RUNTIME_API is set
    builder.Services.AddDigitalTwin().AddDigitalTwinHealthChecks();
    builder.Services.AddOpenApi();

    // Traces and metrics over OTLP (the twin's gen_ai spans, its digitaltwin.* metrics, ASP.NET Core's requests) when the
    // standard OTEL_EXPORTER_OTLP_ENDPOINT variable is set; nothing is collected otherwise.
    if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
    {
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(DigitalTwinDiagnostics.ActivitySourceName, "Microsoft.AspNetCore").AddOtlpExporter())
            .WithMetrics(m => m.AddMeter(DigitalTwinDiagnostics.MeterName, "Microsoft.AspNetCore.Hosting").AddOtlpExporter());
    }

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
