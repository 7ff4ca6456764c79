using System.Text.Json.Nodes;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// A loopback OpenAI Chat Completions server that speaks the real wire format: each request gets the next scripted step,
/// a tool call (<c>message.tool_calls</c> as JSON, or <c>delta.tool_calls</c> chunks with the arguments split over SSE events)
/// or a text answer. Requests with <c>"stream": true</c> get SSE. Records request bodies.
/// </summary>
public sealed class ToolCallingOpenAI : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly Queue<(string? Tool, string Payload)> _steps = new();
    private int _ids;

    private ToolCallingOpenAI(LoopbackServer server)
    {
        _server = server;
        server.Handler = RespondAsync;
    }

    public static async Task<ToolCallingOpenAI> StartAsync() => new(await LoopbackServer.StartAsync());

    public Uri Endpoint => new(_server.BaseAddress, "v1");

    public string FinalAnswer { get; set; } = "Thanks, noted.";

    /// <summary>The JSON bodies of the Chat Completions requests so far.</summary>
    public IReadOnlyList<JsonNode> Requests
    {
        get
        {
            lock (_server.Requests)
            {
                return _server.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
            }
        }
    }

    public ToolCallingOpenAI Call(string tool, string argumentsJson)
    {
        lock (_steps)
        {
            _steps.Enqueue((tool, argumentsJson));
        }

        return this;
    }

    public ToolCallingOpenAI Answer(string text)
    {
        lock (_steps)
        {
            _steps.Enqueue((null, text));
        }

        return this;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RespondAsync(HttpContext context)
    {
        var request = JsonNode.Parse(_server.Requests[^1].Body)!;
        (string? Tool, string Payload) step;
        lock (_steps)
        {
            step = _steps.TryDequeue(out var next) ? next : (null, FinalAnswer);
        }

        var callId = "call_" + Interlocked.Increment(ref _ids);
        if (request["stream"]?.GetValue<bool>() != true)
        {
            JsonNode message = step.Tool is null
                ? new JsonObject { ["role"] = "assistant", ["content"] = step.Payload }
                : new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = callId, ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = step.Tool, ["arguments"] = step.Payload },
                    }),
                };
            var body = Completion("chat.completion", new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = step.Tool is null ? "stop" : "tool_calls" });
            body["usage"] = new JsonObject { ["prompt_tokens"] = 20, ["completion_tokens"] = 5, ["total_tokens"] = 25 };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var deltas = new List<(JsonObject Delta, string? Finish)>();
        if (step.Tool is null)
        {
            deltas.Add((new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
            deltas.AddRange(step.Payload.Split(' ').Select((w, i) => (new JsonObject { ["content"] = (i == 0 ? "" : " ") + w }, (string?)null)));
            deltas.Add((new JsonObject(), "stop"));
        }
        else
        {
            var half = step.Payload.Length / 2;
            deltas.Add((new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = ToolDelta(new JsonObject { ["id"] = callId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = step.Tool, ["arguments"] = "" } }) }, null));
            deltas.Add((new JsonObject { ["tool_calls"] = ToolDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = step.Payload[..half] } }) }, null));
            deltas.Add((new JsonObject { ["tool_calls"] = ToolDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = step.Payload[half..] } }) }, null));
            deltas.Add((new JsonObject(), "tool_calls"));
        }

        foreach (var (delta, finish) in deltas)
        {
            var chunk = Completion("chat.completion.chunk", new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish });
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", Encoding.UTF8);
    }

    private static JsonArray ToolDelta(JsonObject call)
    {
        call["index"] = 0;
        return new JsonArray(call);
    }

    private static JsonObject Completion(string kind, JsonObject choice) => new()
    {
        ["id"] = "chatcmpl-tools",
        ["object"] = kind,
        ["created"] = 1_700_000_000,
        ["model"] = "gpt-4o-mini",
        ["choices"] = new JsonArray(choice),
    };
}
