using System.Diagnostics;
using DigitalTwin.Core.Tests.Providers.Bedrock;
using DigitalTwin.Diagnostics;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DigitalTwin.Core.Tests.Diagnostics;

/// <summary>
/// What an OpenTelemetry user sees with <c>AddSource/AddMeter(DigitalTwin)</c> and an in-memory exporter: the gen_ai spans of
/// Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c> and DigitalTwin's own metrics, for both providers, streamed and not.
/// </summary>
public sealed class OpenTelemetryTests : IAsyncLifetime
{
    private const string OpenAICompletion = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1770950813,"model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! I'm Maya."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20}}
        """;

    private static readonly string OpenAIStream = string.Concat(new[]
    {
        """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}""",
        """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" there."},"finish_reason":"stop"}]}""",
        """{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20}}""",
    }.Select(c => "data: " + c + "\n\n")) + "data: [DONE]\n\n";

    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly string _twin = "otel-" + Guid.NewGuid().ToString("N")[..8];
    private TracerProvider _tracing = null!;
    private MeterProvider _meters = null!;

    public Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(DigitalTwinDiagnostics.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(DigitalTwinDiagnostics.MeterName).AddInMemoryExporter(_metrics).Build()!;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _tracing.Dispose();
        _meters.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAI_TurnHasAGenAiChatSpan_WithModelTokensAndFinishReason_AndTwinMetrics(bool streaming)
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = async context =>
        {
            var stream = server.Requests[^1].Body.Contains("\"stream\":true", StringComparison.Ordinal);
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(stream ? OpenAIStream : OpenAICompletion);
        };
        var model = "model-" + _twin;

        await TurnAsync(b => b.UseOpenAI(o => (o.ApiKey, o.Endpoint, o.Model) = ("sk-test", new Uri(server.BaseAddress, "v1"), model)), streaming);

        var span = ChatSpan(model);
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(11, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(9, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("stop", Convert.ToString(span.GetTagItem("gen_ai.response.finish_reasons"), System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertMetrics();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bedrock_TurnHasAGenAiChatSpan_WithModelTokensAndFinishReason_AndTwinMetrics(bool streaming)
    {
        await using var server = await FakeBedrockServer.StartAsync();
        server.Enqueue(streaming
            ? FakeResponse.EventStream(await Frames.EncodeAsync(Frames.Conversation("Soy ", "Ada.")))
            : FakeResponse.Json(200, BedrockTestClient.ConverseResponse("Soy Ada.")));
        var model = "model-" + _twin;

        await TurnAsync(b => b.UseBedrock(o =>
        {
            var configured = BedrockTestClient.Options(server);
            (o.Endpoint, o.Region, o.Credentials, o.ModelId) = (configured.Endpoint, configured.Region, configured.Credentials, model);
        }), streaming);

        var span = ChatSpan(model);
        Assert.Equal("aws.bedrock", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(streaming ? 1234 : 22, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(streaming ? 56 : 57, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("stop", Convert.ToString(span.GetTagItem("gen_ai.response.finish_reasons"), System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertMetrics();
    }

    private async Task TurnAsync(Action<IDigitalTwinBuilder> provider, bool streaming)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddDigitalTwin(_twin, o => o.PersonaDirectory = PersonaFolder.Sample).UseInMemoryStore();
        provider(builder);
        await using var sp = services.BuildServiceProvider();
        var twin = sp.GetRequiredKeyedService<IDigitalTwin>(_twin);
        if (streaming)
        {
            await foreach (var _ in twin.ChatStreamingAsync(new TwinChatRequest("Who are you?")))
            {
            }
        }
        else
        {
            await twin.ChatAsync(new TwinChatRequest("Who are you?"));
        }

        _tracing.ForceFlush();
        _meters.ForceFlush();
    }

    private Activity ChatSpan(string model)
    {
        var span = Assert.Single(_spans, s => Equals(s.GetTagItem("gen_ai.request.model"), model));
        Assert.Equal($"chat {model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        return span;
    }

    private void AssertMetrics()
    {
        Assert.Equal(1, Sum("digitaltwin.turns", ("digitaltwin.twin", _twin)));
        Assert.Contains(_metrics, m => m.Name == "gen_ai.client.operation.duration");
        Assert.Contains(_metrics, m => m.Name == "gen_ai.client.token.usage");
        Assert.Contains(_metrics, m => m.Name == "digitaltwin.store.duration");
    }

    private long Sum(string name, (string Key, string Value) tag)
    {
        long total = 0;
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var t in point.Tags)
                {
                    if (t.Key == tag.Key && Equals(t.Value, tag.Value))
                    {
                        total = Math.Max(total, point.GetSumLong());
                    }
                }
            }
        }

        return total;
    }
}
