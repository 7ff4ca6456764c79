namespace DigitalTwin.Providers;

/// <summary>
/// A model provider call failed. The message is written for logs and operators; the web layer answers 502/503 with its
/// own text and never echoes it to visitors.
/// </summary>
public sealed class ChatProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatProviderException(ChatProviderFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception with a generic message.</summary>
    public ChatProviderException() : this(ChatProviderFailure.Unavailable, "The model provider failed.") { }

    /// <summary>Creates the exception with a message.</summary>
    public ChatProviderException(string message) : this(ChatProviderFailure.Unavailable, message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ChatProviderException(string message, Exception innerException)
        : this(ChatProviderFailure.Unavailable, message, innerException) { }

    /// <summary>Why the call failed.</summary>
    public ChatProviderFailure Failure { get; }

    /// <summary>The provider's name (for example <c>openai</c> or <c>aws.bedrock</c>), when known.</summary>
    public string? Provider { get; init; }

    /// <summary>The HTTP status the provider answered with, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the provider asked callers to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether retrying the same request later may succeed.</summary>
    public bool IsRetryable => Failure is ChatProviderFailure.RateLimited or ChatProviderFailure.Unavailable or ChatProviderFailure.Timeout;
}
