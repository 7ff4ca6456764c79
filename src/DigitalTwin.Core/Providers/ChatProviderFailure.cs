namespace DigitalTwin.Providers;

/// <summary>Why a model provider call failed.</summary>
public enum ChatProviderFailure
{
    /// <summary>No provider is configured, or its settings are incomplete (for example no API key).</summary>
    NotConfigured,

    /// <summary>The provider throttled the request (HTTP 429 or a throttling error). Retryable.</summary>
    RateLimited,

    /// <summary>The provider is temporarily unavailable (5xx, connection failure, model not ready). Retryable.</summary>
    Unavailable,

    /// <summary>The provider did not answer in time. Retryable.</summary>
    Timeout,

    /// <summary>The provider refused the credentials or the caller lacks permission. Not retryable.</summary>
    AccessDenied,

    /// <summary>The provider rejected the request as invalid. Not retryable.</summary>
    InvalidRequest,

    /// <summary>The provider's answer could not be understood (malformed body or stream). Not retryable.</summary>
    InvalidResponse,
}
