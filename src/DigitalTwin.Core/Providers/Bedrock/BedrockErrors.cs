using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>Turns Bedrock's error answers (HTTP errors and exception frames) into <see cref="ChatProviderException"/>s.</summary>
internal static class BedrockErrors
{
    /// <summary>The error type of an HTTP error: the <c>x-amzn-errortype</c> header up to ':', else the body's <c>__type</c> (after '#').</summary>
    public static string? ErrorType(HttpResponseHeaders headers, string body)
    {
        if (headers.TryGetValues("x-amzn-errortype", out var values) && values.FirstOrDefault() is { Length: > 0 } header)
        {
            return Strip(header);
        }

        return Field(body, "__type") is { } type ? Strip(type) : null;
    }

    /// <summary>The exception for an error answer or exception frame.</summary>
    public static ChatProviderException Create(string? errorType, int? status, string body, string modelId, TimeSpan? retryAfter)
    {
        var type = Normalize(errorType) ?? FromStatus(status);
        var message = Field(body, "message") ?? Field(body, "Message");
        var said = string.IsNullOrWhiteSpace(message) ? string.Empty : $": {message}";
        var (failure, text) = type switch
        {
            "ThrottlingException" or "ServiceQuotaExceededException" => (ChatProviderFailure.RateLimited, $"Amazon Bedrock throttled the request for model '{modelId}'{said}"),
            "ModelNotReadyException" => (ChatProviderFailure.Unavailable, $"Amazon Bedrock model '{modelId}' is not ready yet{said}"),
            "ServiceUnavailableException" or "InternalServerException" or "ModelStreamErrorException" or "ModelErrorException"
                => (ChatProviderFailure.Unavailable, $"Amazon Bedrock failed ({type}) for model '{modelId}'{said}"),
            "ModelTimeoutException" => (ChatProviderFailure.Timeout, $"Amazon Bedrock model '{modelId}' timed out{said}"),
            "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException"
                => (ChatProviderFailure.AccessDenied, AccessDenied(modelId, type, said)),
            "ResourceNotFoundException" => (ChatProviderFailure.InvalidRequest,
                $"Amazon Bedrock does not know model '{modelId}' in this region{said}. Check DigitalTwin:Bedrock:ModelId (BEDROCK_MODEL_ID) and the region, and that model access is enabled."),
            "ValidationException" or "ConflictException" => (ChatProviderFailure.InvalidRequest, $"Amazon Bedrock rejected the request for model '{modelId}'{said}"),
            _ => status switch
            {
                >= 500 => (ChatProviderFailure.Unavailable, $"Amazon Bedrock failed with HTTP {status} ({type}){said}"),
                null => (ChatProviderFailure.InvalidResponse, $"Amazon Bedrock sent an unexpected stream exception ({type}){said}"),
                _ => (ChatProviderFailure.InvalidRequest, $"Amazon Bedrock answered HTTP {status} ({type}){said}"),
            },
        };
        return new ChatProviderException(failure, text) { Provider = BedrockChatClient.ProviderName, StatusCode = status, RetryAfter = retryAfter };
    }

    /// <summary>The wait the answer asks for (<c>Retry-After</c> seconds or HTTP-date, <c>x-amzn-retry-after</c>), capped; garbage is ignored.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        Providers.RetryAfter.From(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);

    private static string AccessDenied(string modelId, string type, string said) =>
        $"Amazon Bedrock denied access to model '{modelId}' ({type}){said}. The caller's IAM role needs bedrock:InvokeModel and "
        + "bedrock:InvokeModelWithResponseStream on the foundation-model ARN (arn:aws:bedrock:*::foundation-model/...) and, for an "
        + "inference profile, on its inference-profile ARN (arn:aws:bedrock:REGION:ACCOUNT:inference-profile/...); model access must be enabled in the Bedrock console.";

    // Stream exception frames name the type in camel case (throttlingException); HTTP errors in Pascal case.
    private static string? Normalize(string? type) =>
        string.IsNullOrWhiteSpace(type) ? null : char.ToUpperInvariant(type[0]) + type[1..];

    private static string Strip(string type)
    {
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        var value = colon >= 0 ? type[..colon] : type;
        var hash = value.LastIndexOf('#');
        return (hash >= 0 ? value[(hash + 1)..] : value).Trim();
    }

    private static string FromStatus(int? status) => status switch
    {
        (int)HttpStatusCode.TooManyRequests => "ThrottlingException",
        (int)HttpStatusCode.ServiceUnavailable => "ServiceUnavailableException",
        (int)HttpStatusCode.Forbidden => "AccessDeniedException",
        (int)HttpStatusCode.NotFound => "ResourceNotFoundException",
        (int)HttpStatusCode.RequestTimeout => "ModelTimeoutException",
        _ => "UnknownError",
    };

    private static string? Field(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
