using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Testing;

/// <summary>
/// A scripted <see cref="IChatClient"/> that records what it was sent: it answers with <see cref="Answer"/> (streamed word
/// by word) or with fixed <see cref="Pieces"/>, and can fail, wait on a gate, or hang until cancelled.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    /// <summary>The pieces of the web tests' usual answer, "Hello from the twin.".</summary>
    public static IReadOnlyList<string> Hello { get; } = ["Hello", " from", " the twin."];

    /// <summary>The messages of every call, in order.</summary>
    public List<List<ChatMessage>> Calls { get; } = [];

    /// <summary>The answer to a call's messages (unless <see cref="Pieces"/> is set); streamed word by word.</summary>
    public Func<IReadOnlyList<ChatMessage>, string> Answer { get; set; } = messages => "Echo: " + messages[^1].Text;

    /// <summary>When set, every answer is these pieces: their concatenation, or streamed one by one.</summary>
    public IReadOnlyList<string>? Pieces { get; set; }

    /// <summary>The usage every answer reports (a stream reports its input tokens and one output token a piece).</summary>
    public UsageDetails Usage { get; set; } = new() { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 };

    /// <summary>When set, calls throw this (streams: before their first piece, or after <see cref="ThrowAfterChunks"/> pieces).</summary>
    public Exception? Throw { get; set; }

    /// <summary>Throw after this many streamed chunks (null: never).</summary>
    public int? ThrowAfterChunks { get; set; }

    /// <summary>When set, calls wait for it (streams: after their first piece), until cancelled.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, the stream sends its first piece and then waits (until cancelled) instead of finishing.</summary>
    public bool HangAfterFirstPiece { get; set; }

    /// <summary>When set, the stream waits (until cancelled) before its first piece, like a slow model.</summary>
    public bool HangBeforeFirstPiece { get; set; }

    /// <summary>A pause between streamed pieces, so a browser sees them arrive one by one.</summary>
    public TimeSpan PieceDelay { get; set; }

    /// <summary>Completes with <see langword="true"/> when a hanging stream observed its cancellation token fire.</summary>
    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The messages of the latest call.</summary>
    public IReadOnlyList<ChatMessage> LastMessages
    {
        get
        {
            lock (Calls)
            {
                return Calls.Count == 0 ? [] : Calls[^1];
            }
        }
    }

    /// <summary>The options of the latest call.</summary>
    public ChatOptions? LastOptions { get; private set; }

    public CancellationToken LastToken { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Record(messages, options, cancellationToken);
        if (Gate is not null)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(Chunks(list))))
        {
            ModelId = "fake-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = Record(messages, options, cancellationToken);
        if (Throw is not null && ThrowAfterChunks is null)
        {
            throw Throw;
        }

        if (HangBeforeFirstPiece)
        {
            await WaitForCancellationAsync(cancellationToken);
        }

        var chunks = Chunks(list);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (ThrowAfterChunks == i)
            {
                throw Throw ?? new InvalidOperationException("scripted failure");
            }

            if (Gate is not null && i == 1)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            if (i > 0 && PieceDelay > TimeSpan.Zero)
            {
                await Task.Delay(PieceDelay, cancellationToken);
            }

            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunks[i]) { ModelId = "fake-model" };
            if (HangAfterFirstPiece)
            {
                await WaitForCancellationAsync(cancellationToken);
            }
        }

        var usage = new UsageDetails { InputTokenCount = Usage.InputTokenCount, OutputTokenCount = chunks.Count };
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)]) { FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake")
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private IReadOnlyList<string> Chunks(List<ChatMessage> messages) =>
        Pieces ?? Answer(messages).Split(' ').Select((word, i) => i == 0 ? word : " " + word).ToList();

    private async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult(true);
            throw;
        }
    }

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken token)
    {
        LastToken = token;
        LastOptions = options;
        var list = messages.ToList();
        lock (Calls)
        {
            Calls.Add(list);
        }

        return list;
    }
}
