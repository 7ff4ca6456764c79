namespace DigitalTwin.Conversations;

/// <summary>
/// A request repeated a turn id (<c>Idempotency-Key</c>) whose first request is still being answered, on this or another
/// host sharing the store, and the answer did not arrive within the wait. Nothing was stored for this request; retrying
/// after <see cref="RetryAfter"/> returns the stored answer once the first request has finished. The web layer answers
/// 409 Conflict with a <c>Retry-After</c> header; the message is for logs.
/// </summary>
public sealed class TurnInProgressException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public TurnInProgressException() : this("A request with this turn id is still being answered.") { }

    /// <summary>Creates the exception with a message.</summary>
    public TurnInProgressException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public TurnInProgressException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>How long the client should wait before retrying. Default 2 seconds.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);
}
