using System.Runtime.CompilerServices;

namespace DigitalTwin.Core.Tests.Tools;

/// <summary>
/// A scripted model for tool tests: each call takes the next step, either tool calls (<see cref="Call"/>) or a text answer.
/// When the script runs out, or the call offers no tools, it answers with <see cref="FinalAnswer"/>. Records the messages and options of every call. Streams the same steps:
/// tool calls as one update, text word by word.
/// </summary>
public sealed class ToolCallingModel : IChatClient
{
    private readonly Queue<Step> _steps = new();
    private int _ids;

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public string FinalAnswer { get; set; } = "Thanks, I have noted that.";

    /// <summary>Throws this exception from the next call once (then clears it); in a stream, after the step's updates.</summary>
    public Exception? FailNextAfterUpdates { get; set; }

    public ToolCallingModel Call(string tool, IDictionary<string, object?> arguments, string? textBefore = null)
    {
        _steps.Enqueue(new Step([(tool, arguments)], textBefore, null));
        return this;
    }

    public ToolCallingModel CallMany(params (string Tool, IDictionary<string, object?> Arguments)[] calls)
    {
        _steps.Enqueue(new Step(calls, null, null));
        return this;
    }

    public ToolCallingModel Answer(string text)
    {
        _steps.Enqueue(new Step([], null, text));
        return this;
    }

    /// <summary>The results the tools returned to the model so far, in order.</summary>
    public IReadOnlyList<string> ToolResults() =>
        Calls.LastOrDefault().Messages?.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? "").ToList() ?? [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = Next(messages, options);
        if (FailNextAfterUpdates is { } fail)
        {
            FailNextAfterUpdates = null;
            throw fail;
        }

        var contents = new List<AIContent>();
        if (step.Text is not null)
        {
            contents.Add(new TextContent(step.Text));
        }

        contents.AddRange(step.Calls.Select(c => new FunctionCallContent("call_" + Interlocked.Increment(ref _ids), c.Tool, c.Arguments)));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = "tool-model",
            FinishReason = step.Calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var step = Next(messages, options);
        await Task.Yield();
        if (step.Text is not null)
        {
            foreach (var (word, i) in step.Text.Split(' ').Select((w, i) => (w, i)))
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, (i == 0 ? "" : " ") + word) { ModelId = "tool-model" };
            }
        }

        if (step.Calls.Count > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. step.Calls.Select(c => (AIContent)new FunctionCallContent("call_" + Interlocked.Increment(ref _ids), c.Tool, c.Arguments))])
            {
                ModelId = "tool-model",
            };
        }

        if (FailNextAfterUpdates is { } fail)
        {
            FailNextAfterUpdates = null;
            throw fail;
        }

        yield return new ChatResponseUpdate { FinishReason = step.Calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted") : null;

    public void Dispose()
    {
    }

    private Step Next(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        lock (Calls)
        {
            Calls.Add((messages.ToList(), options));
            // Like a real model, it cannot call tools it was not offered (the last request of a turn offers none).
            return options?.Tools is { Count: > 0 } && _steps.TryDequeue(out var step) ? step : new Step([], null, FinalAnswer);
        }
    }

    private sealed record Step(IReadOnlyList<(string Tool, IDictionary<string, object?> Arguments)> Calls, string? TextBefore, string? Answer)
    {
        public string? Text => Answer ?? TextBefore;
    }
}
