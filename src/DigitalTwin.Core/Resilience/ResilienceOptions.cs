using DigitalTwin.Configuration;

namespace DigitalTwin.Resilience;

/// <summary>
/// How a twin's model calls are protected (section <c>DigitalTwin:Resilience</c>): a total and a per-attempt timeout,
/// retries with exponential back-off and jitter for retryable failures (honouring <c>Retry-After</c>), and a circuit
/// breaker. Applies to every provider. A streamed answer is retried until its first text, never after.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>Whether the pipeline is used at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Longest time for a whole call, retries included (for a stream: the whole stream). Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest time for one attempt (for a stream: until its first text). Default 60 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of throttled, unavailable or timed-out calls. Default 2; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first back-off delay, doubled each retry, with jitter. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest back-off. A provider's <c>Retry-After</c> longer than this is not waited for: the call fails at once with
    /// that <c>Retry-After</c>, passed on to the client. Default 30 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the circuit breaker is used. Default <see langword="true"/>.</summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls within <see cref="SamplingDuration"/> before the circuit may open. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over. Default 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before letting one through. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Adds what the pipeline would not accept to <paramref name="errors"/>, each with its configuration path.</summary>
    internal void Validate(OptionsErrors errors)
    {
        if (!Enabled)
        {
            return;
        }

        errors.Check(TotalTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout < TimeSpan.FromMilliseconds(10), $"Resilience:TotalTimeout and {errors.Section}:Resilience:AttemptTimeout must be at least 10 ms (now {TotalTimeout} and {AttemptTimeout}).");
        errors.Check(AttemptTimeout > TotalTimeout, $"Resilience:AttemptTimeout ({AttemptTimeout}) is longer than {errors.Section}:Resilience:TotalTimeout ({TotalTimeout}): make it shorter, or retries can never happen.");
        errors.Check(MaxRetries is < 0 or > 10, $"Resilience:MaxRetries is {MaxRetries}: use 0 to 10 (default 2).");
        errors.Check(BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay, $"Resilience:BaseDelay ({BaseDelay}) must be 0 or more and no longer than {errors.Section}:Resilience:MaxDelay ({MaxDelay}).");
        errors.Check(
            CircuitBreakerEnabled && (FailureRatio is <= 0 or > 1 || MinimumThroughput < 2
                || SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500)),
            $"Resilience:: the circuit breaker needs FailureRatio in (0, 1], MinimumThroughput of 2 or more, SamplingDuration and BreakDuration of 0.5 s or more.");
    }
}
