using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>How the Bedrock client classifies failures and what it logs (never credentials, signatures or prompts).</summary>
internal sealed partial class BedrockChatClient
{
    private static ChatProviderException Classify(Exception ex, string modelId) => ex switch
    {
        ChatProviderException known => known,
        OperationCanceledException or TimeoutException => new(ChatProviderFailure.Timeout, $"Amazon Bedrock model '{modelId}' did not answer in time.", ex) { Provider = ProviderName },
        InvalidDataException or JsonException => new(ChatProviderFailure.InvalidResponse, $"Amazon Bedrock's answer for model '{modelId}' could not be read: {ex.Message}", ex) { Provider = ProviderName },
        HttpRequestException or IOException => new(ChatProviderFailure.Unavailable, $"Amazon Bedrock could not be reached for model '{modelId}': {ex.Message}", ex) { Provider = ProviderName },
        _ => ProviderErrors.Wrap(ex),
    };

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Amazon Bedrock call to {ModelId} failed ({Failure}, HTTP {StatusCode})")]
    private static partial void LogFailed(ILogger logger, string modelId, ChatProviderFailure failure, int? statusCode);
}
