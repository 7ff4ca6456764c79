using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Core.Tests.Support;

/// <summary>A scripted <see cref="IChatClient"/> that records what it was sent.</summary>
public sealed class FakeChatClient : IChatClient
{
    public List<List<ChatMessage>> Calls { get; } = [];

    public Func<IReadOnlyList<ChatMessage>, string> Answer { get; set; } = messages => "Echo: " + messages[^1].Text;

    public Exception? Throw { get; set; }

    /// <summary>Throw after this many streamed chunks (null: never).</summary>
    public int? ThrowAfterChunks { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    public CancellationToken LastToken { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Record(messages, cancellationToken);
        if (Gate is not null)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(list)))
        {
            ModelId = "fake-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = Record(messages, cancellationToken);
        var words = Answer(list).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (ThrowAfterChunks == i || (Throw is not null && ThrowAfterChunks is null))
            {
                throw Throw ?? new InvalidOperationException("scripted failure");
            }

            if (Gate is not null && i == 1)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, (i == 0 ? "" : " ") + words[i]) { ModelId = "fake-model" };
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = words.Length })])
        {
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake") : null;

    public void Dispose()
    {
    }

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages, CancellationToken token)
    {
        LastToken = token;
        var list = messages.ToList();
        lock (Calls)
        {
            Calls.Add(list);
        }

        return list;
    }
}
