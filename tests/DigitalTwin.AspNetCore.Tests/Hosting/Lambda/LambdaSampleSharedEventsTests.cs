using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>
/// Every recorded request event of ../shared/events (REST v1, HTTP API v1 and v2, Function URL) invoked on the Lambda sample
/// behind the fake Runtime API: each is answered in its own format. Runs from .ci/native-aot.sh against the native bootstrap
/// (a user's clone has no ../shared, so it is skipped unless <c>DIGITALTWIN_SHARED_EVENTS</c> names the folder).
/// </summary>
public sealed class LambdaSampleSharedEventsTests
{
    private static readonly string? Events = Environment.GetEnvironmentVariable("DIGITALTWIN_SHARED_EVENTS");

    [SharedEventsFact]
    public async Task EveryRecordedEvent_IsAnsweredInItsOwnFormat()
    {
        await using var openAI = await FakeOpenAI.StartAsync();
        await using var runtime = await FakeRuntimeApi.StartAsync();
        await using var sample = SampleProcess.StartLambda(runtime.Address, new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = openAI.BaseUrl,
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = Path.Combine(Path.GetTempPath(), "dt-lambda-events-" + Guid.NewGuid().ToString("N")),
        });

        var failures = new List<string>();
        var count = 0;
        foreach (var (folder, headersField) in new[] { ("rest-api-v1", "multiValueHeaders"), ("http-api-v1-payload", "multiValueHeaders"), ("http-api-v2", "headers"), ("function-url", "headers") })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Events!, folder), "*.json").Order(StringComparer.Ordinal))
            {
                count++;
                var result = await runtime.InvokeAsync(File.ReadAllText(file));
                var name = folder + "/" + Path.GetFileName(file);
                if (result.Kind != "response")
                {
                    failures.Add($"{name}: posted {result.Kind}: {result.BodyText}");
                }
                else if (result.StatusCode is < 200 or > 499 || !result.Json.TryGetProperty(headersField, out _))
                {
                    failures.Add($"{name}: status {result.StatusCode}, {headersField} {(result.Json.TryGetProperty(headersField, out _) ? "present" : "missing")}");
                }
            }
        }

        Assert.True(count > 20, $"Only {count} events found under {Events}.");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + sample.Output);
    }

    private sealed class SharedEventsFactAttribute : FactAttribute
    {
        public SharedEventsFactAttribute()
        {
            if (Events is null || !Directory.Exists(Events))
            {
                Skip = "No ../shared/events here: set DIGITALTWIN_SHARED_EVENTS to the folder (.ci/native-aot.sh does when ../shared exists).";
            }
        }
    }
}
