using DigitalTwin.Providers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DigitalTwin.Resilience;

/// <summary>Builds the Polly v8 pipeline of <see cref="ResilienceOptions"/> and maps its rejections to <see cref="ChatProviderException"/>.</summary>
internal static class ChatResiliencePipeline
{
    public static ResiliencePipeline Create(ResilienceOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, options.MaxDelay)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ChatProviderException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
            });
        }

        if (options.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, TimeSpan.MaxValue)),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Throttling, unavailability and timeouts are transient, unless the provider asked for a wait longer than we retry within.</summary>
    public static bool IsTransient(Exception? ex, TimeSpan maxDelay) => ex switch
    {
        ChatProviderException provider => provider.IsRetryable && (provider.RetryAfter is null || provider.RetryAfter <= maxDelay),
        TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Maps what the pipeline throws to the typed provider error the web layer understands.</summary>
    public static Exception Map(Exception ex) => ex switch
    {
        TimeoutRejectedException timeout => new ChatProviderException(ChatProviderFailure.Timeout, "The model provider did not answer within the configured timeout.", timeout),
        BrokenCircuitException open => new ChatProviderException(ChatProviderFailure.Unavailable, "The model provider has been failing; calls are paused for a short while (circuit open).", open)
        {
            RetryAfter = open.RetryAfter,
        },
        _ => ex,
    };
}
