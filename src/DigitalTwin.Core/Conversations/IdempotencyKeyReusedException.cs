namespace DigitalTwin.Conversations;

/// <summary>
/// A request carried a turn id (<c>Idempotency-Key</c>) already used for a different request: another message in the same
/// conversation, or (with the built-in stores, within <see cref="DigitalTwinOptions.IdempotencyKeyRetention"/>) another
/// conversation or twin sharing the store.
/// Nothing was answered or stored for it, and the first request's answer was not disclosed. The web layer answers
/// 422 Unprocessable Content; the message is for logs and names no conversation.
/// </summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public IdempotencyKeyReusedException() : this("The turn id was already used in this conversation for a different message.") { }

    /// <summary>Creates the exception with a message.</summary>
    public IdempotencyKeyReusedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public IdempotencyKeyReusedException(string message, Exception innerException) : base(message, innerException) { }
}
