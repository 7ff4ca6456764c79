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
}
