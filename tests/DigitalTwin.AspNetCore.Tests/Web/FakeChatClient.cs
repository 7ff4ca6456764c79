using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>A scripted model: answers with fixed pieces, can hang after the first piece, and records cancellation.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private int _calls;

    /// <summary>The pieces of every answer; the full answer is their concatenation.</summary>
    public IReadOnlyList<string> Pieces { get; set; } = ["Hello", " from", " the twin."];

    /// <summary>When set, the stream sends its first piece and then waits (until cancelled) instead of finishing.</summary>
    public bool HangAfterFirstPiece { get; set; }

    /// <summary>When set, the stream waits (until cancelled) before its first piece, like a slow model.</summary>
    public bool HangBeforeFirstPiece { get; set; }

    /// <summary>A pause between streamed pieces, so a browser sees them arrive one by one.</summary>
    public TimeSpan PieceDelay { get; set; }

    /// <summary>When set, the stream sends its first piece and then throws this.</summary>
    public Exception? FailureAfterFirstPiece { get; set; }

    /// <summary>When set, non-streaming calls wait until cancelled.</summary>
    public bool HangOnResponse { get; set; }

    /// <summary>When set, every call throws this.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Completes with <see langword="true"/> when a call observed its cancellation token fire.</summary>
    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The messages of the latest call.</summary>
    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

    /// <summary>The options of the latest call.</summary>
    public ChatOptions? LastOptions { get; private set; }

    public int Calls => Volatile.Read(ref _calls);

    public string Answer => string.Concat(Pieces);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(messages, options);
        if (Failure is not null)
        {
            throw Failure;
        }

        if (HangOnResponse)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer))
        {
            ModelId = "fake-model",
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3, TotalTokenCount = 15 },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(messages, options);
        if (Failure is not null)
        {
            throw Failure;
        }

        if (HangBeforeFirstPiece)
        {
            await WaitForCancellationAsync(cancellationToken);
        }

        for (var i = 0; i < Pieces.Count; i++)
        {
            if (i > 0 && PieceDelay > TimeSpan.Zero)
            {
                await Task.Delay(PieceDelay, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, Pieces[i]) { ModelId = "fake-model" };
            if (FailureAfterFirstPiece is not null)
            {
                throw FailureAfterFirstPiece;
            }

            if (HangAfterFirstPiece)
            {
                await WaitForCancellationAsync(cancellationToken);
            }
        }

        yield return new ChatResponseUpdate
        {
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3, TotalTokenCount = 15 })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

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

    private void Record(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        Interlocked.Increment(ref _calls);
        LastMessages = [.. messages];
        LastOptions = options;
    }
}
