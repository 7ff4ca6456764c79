namespace DigitalTwin.AspNetCore;

/// <summary>
/// Limits on chat and conversation requests (section <c>DigitalTwin:Web:RateLimit</c>), each a fixed one-minute window
/// kept in process memory (per host). A request over a limit gets 429 with a <c>Retry-After</c> header. 0 turns a limit off.
/// </summary>
public sealed class DigitalTwinRateLimitOptions
{
    /// <summary>
    /// Requests per minute from one client IP address (the connection's address: behind a proxy or load balancer, enable
    /// forwarded headers so it is the visitor's). Default 0: no limit.
    /// </summary>
    public int PermitsPerMinutePerIp { get; set; }

    /// <summary>Requests per minute for one session id (across all clients). Default 0: no limit.</summary>
    public int PermitsPerMinutePerSession { get; set; }

    /// <summary>Whether any limit is set.</summary>
    public bool Enabled => PermitsPerMinutePerIp > 0 || PermitsPerMinutePerSession > 0;
}
