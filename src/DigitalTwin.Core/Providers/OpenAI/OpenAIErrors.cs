using System.ClientModel;
using System.Text.Json;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>Maps OpenAI SDK failures to <see cref="ChatProviderException"/>; messages never include request or key text.</summary>
internal static class OpenAIErrors
{
    public static ChatProviderException Map(Exception ex, DateTimeOffset now) => ex switch
    {
        ChatProviderException known => known,
        ClientResultException { Status: 0 } => new(ChatProviderFailure.Unavailable, "OpenAI could not be reached.", ex) { Provider = OpenAIProvider.Name },
        ClientResultException http => FromStatus(http, now),
        JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException
            => new(ChatProviderFailure.InvalidResponse, "OpenAI's answer could not be read.", ex) { Provider = OpenAIProvider.Name },
        _ => Generic(ex),
    };

    private static ChatProviderException Generic(Exception ex)
    {
        var wrapped = ProviderErrors.Wrap(ex);
        return new ChatProviderException(wrapped.Failure, wrapped.Message, ex) { Provider = OpenAIProvider.Name };
    }

    private static ChatProviderException FromStatus(ClientResultException ex, DateTimeOffset now)
    {
        var (failure, text) = ex.Status switch
        {
            429 => (ChatProviderFailure.RateLimited, "OpenAI throttled the request (429)."),
            401 or 403 => (ChatProviderFailure.AccessDenied, $"OpenAI refused the credentials ({ex.Status}): check OPENAI_API_KEY and the model's access."),
            408 or 504 => (ChatProviderFailure.Timeout, $"OpenAI timed out ({ex.Status})."),
            >= 500 => (ChatProviderFailure.Unavailable, $"OpenAI failed ({ex.Status})."),
            _ => (ChatProviderFailure.InvalidRequest, $"OpenAI rejected the request ({ex.Status}): check the model name and options."),
        };
        var headers = ex.GetRawResponse()?.Headers;
        var retryAfter = headers is null ? null : RetryAfter.From(name => headers.TryGetValue(name, out var value) ? value : null, now);
        return new ChatProviderException(failure, text, ex) { Provider = OpenAIProvider.Name, StatusCode = ex.Status, RetryAfter = retryAfter };
    }
}
