namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// When and how long to wait before another attempt: only retryable failures, at most <see cref="BedrockOptions.MaxRetries"/>
/// times, waiting the service's Retry-After when it gave one (giving up when that is over 20 s), else exponential backoff
/// with jitter (capped at 20 s).
/// </summary>
internal sealed class BedrockRetry(BedrockOptions options, TimeProvider time)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    public async Task<bool> ShouldRetryAsync(ChatProviderException error, int attempt, CancellationToken cancellationToken)
    {
        // A service that asks for a longer wait than the backoff cap is answered by the caller, not by a hung request.
        if (!error.IsRetryable || attempt >= options.MaxRetries || error.RetryAfter > MaxDelay)
        {
            return false;
        }

        await Task.Delay(Delay(error, attempt), time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public TimeSpan Delay(ChatProviderException error, int attempt)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            return retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
        }

        var ceiling = Math.Min(options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt), MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }
}
