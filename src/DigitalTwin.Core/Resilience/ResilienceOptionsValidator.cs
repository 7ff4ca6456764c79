namespace DigitalTwin.Resilience;

/// <summary>Checks <see cref="ResilienceOptions"/> against what the pipeline accepts, with messages naming the setting.</summary>
internal static class ResilienceOptionsValidator
{
    public static IEnumerable<string> Validate(string section, ResilienceOptions o)
    {
        var p = section + ":Resilience:";
        if (!o.Enabled)
        {
            yield break;
        }

        if (o.TotalTimeout < TimeSpan.FromMilliseconds(10) || o.AttemptTimeout < TimeSpan.FromMilliseconds(10))
        {
            yield return $"{p}TotalTimeout and {p}AttemptTimeout must be at least 10 ms (now {o.TotalTimeout} and {o.AttemptTimeout}).";
        }

        if (o.AttemptTimeout > o.TotalTimeout)
        {
            yield return $"{p}AttemptTimeout ({o.AttemptTimeout}) is longer than {p}TotalTimeout ({o.TotalTimeout}): make it shorter, or retries can never happen.";
        }

        if (o.MaxRetries is < 0 or > 10)
        {
            yield return $"{p}MaxRetries is {o.MaxRetries}: use 0 to 10 (default 2).";
        }

        if (o.BaseDelay < TimeSpan.Zero || o.MaxDelay < o.BaseDelay)
        {
            yield return $"{p}BaseDelay ({o.BaseDelay}) must be 0 or more and no longer than {p}MaxDelay ({o.MaxDelay}).";
        }

        if (o.CircuitBreakerEnabled && (o.FailureRatio is <= 0 or > 1 || o.MinimumThroughput < 2
            || o.SamplingDuration < TimeSpan.FromMilliseconds(500) || o.BreakDuration < TimeSpan.FromMilliseconds(500)))
        {
            yield return $"{p}: the circuit breaker needs FailureRatio in (0, 1], MinimumThroughput of 2 or more, SamplingDuration and BreakDuration of 0.5 s or more.";
        }
    }
}
