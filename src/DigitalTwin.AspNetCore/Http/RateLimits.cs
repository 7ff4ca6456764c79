using System.Globalization;
using System.Threading.RateLimiting;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// The per-IP and per-session limits, with the partitioned fixed-window limiters of System.Threading.RateLimiting (the
/// ones ASP.NET Core's rate limiter uses), applied inside the route group so the app needs no middleware.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _perIp;
    private readonly PartitionedRateLimiter<string>? _perSession;

    public RateLimits(DigitalTwinRateLimitOptions options)
    {
        _perIp = Create(options.PermitsPerMinutePerIp);
        _perSession = Create(options.PermitsPerMinutePerSession);
    }

    public bool LimitsIp => _perIp is not null;

    /// <summary>Takes a permit for the caller's IP address; a problem result when none is left.</summary>
    public IResult? AcquireForClient(HttpContext context) =>
        _perIp is null ? null : Acquire(_perIp, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", context, perSession: false);

    /// <summary>Takes a permit for a session; a problem result when none is left.</summary>
    public IResult? AcquireForSession(SessionId session, HttpContext context) =>
        _perSession is null ? null : Acquire(_perSession, session.Value, context, perSession: true);

    public void Dispose()
    {
        _perIp?.Dispose();
        _perSession?.Dispose();
    }

    private static IResult? Acquire(PartitionedRateLimiter<string> limiter, string key, HttpContext context, bool perSession)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TwinProblems.TooManyRequests(context, perSession, seconds);
    }

    private static PartitionedRateLimiter<string>? Create(int permitsPerMinute) => permitsPerMinute <= 0
        ? null
        : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}
