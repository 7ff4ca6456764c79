using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Benchmarks.Support;

/// <summary>A model that answers at once with a fixed reply and usage, so a benchmark measures everything but the model call.</summary>
internal sealed class InstantChatClient : IChatClient
{
    private const string Answer = "I build web APIs in C# and enjoy making them fast. Ask me about my projects!";
    private static readonly ChatClientMetadata Metadata = new("instant", new Uri("http://127.0.0.1/"), "instant-1");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer))
        {
            ModelId = "instant-1",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 850, OutputTokenCount = 20, TotalTokenCount = 870 },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var piece in new[] { "I build web APIs in C# ", "and enjoy making them fast. ", "Ask me about my projects!" })
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = "instant-1" };
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 850, OutputTokenCount = 20 })] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
