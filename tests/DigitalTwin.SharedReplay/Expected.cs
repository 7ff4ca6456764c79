using DigitalTwin.Providers;

namespace DigitalTwin.SharedReplay;

/// <summary>The failure kind each Bedrock error type must map to (the provider's documented contract).</summary>
internal static class Expected
{
    public static ChatProviderFailure FailureFor(string errorName) => errorName switch
    {
        "ThrottlingException" or "ServiceQuotaExceededException" => ChatProviderFailure.RateLimited,
        "ModelTimeoutException" => ChatProviderFailure.Timeout,
        "ServiceUnavailableException" or "InternalServerException" or "ModelNotReadyException" or "ModelStreamErrorException" or "ModelErrorException" => ChatProviderFailure.Unavailable,
        "AccessDeniedException" => ChatProviderFailure.AccessDenied,
        _ => ChatProviderFailure.InvalidRequest,
    };
}
