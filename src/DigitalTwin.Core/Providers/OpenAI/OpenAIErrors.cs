using System.ClientModel;
using System.Globalization;
using System.Text.Json;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>Maps OpenAI SDK failures to <see cref="ChatProviderException"/>; messages never include request or key text.</summary>
internal static class OpenAIErrors
{
    public static ChatProviderException Map(Exception ex) => ex switch
    {
        ChatProviderException known => known,
        ClientResultException { Status: 0 } => new(ChatProviderFailure.Unavailable, "OpenAI could not be reached.", ex) { Provider = "openai" },
        ClientResultException http => FromStatus(http),
        JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException
            => new(ChatProviderFailure.InvalidResponse, "OpenAI's answer could not be read.", ex) { Provider = "openai" },
        _ => Generic(ex),
    };

    private static ChatProviderException Generic(Exception ex)
    {
        var wrapped = ProviderErrors.Wrap(ex);
        return new ChatProviderException(wrapped.Failure, wrapped.Message, ex) { Provider = "openai" };
    }

    private static ChatProviderException FromStatus(ClientResultException ex)
    {
        var (failure, text) = ex.Status switch
        {
            429 => (ChatProviderFailure.RateLimited, "OpenAI throttled the request (429)."),
            401 or 403 => (ChatProviderFailure.AccessDenied, $"OpenAI refused the credentials ({ex.Status}): check OPENAI_API_KEY and the model's access."),
            408 or 504 => (ChatProviderFailure.Timeout, $"OpenAI timed out ({ex.Status})."),
            >= 500 => (ChatProviderFailure.Unavailable, $"OpenAI failed ({ex.Status})."),
            _ => (ChatProviderFailure.InvalidRequest, $"OpenAI rejected the request ({ex.Status}): check the model name and options."),
        };
        return new ChatProviderException(failure, text, ex) { Provider = "openai", StatusCode = ex.Status, RetryAfter = RetryAfter(ex) };
    }

    private static TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.TryGetValue("Retry-After", out var value))
        {
            // OpenAI sends whole seconds; an HTTP-date form is not used by it and is ignored here.
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }
}
