namespace DigitalTwin.Tools;

/// <summary>
/// Per-session and per-client caps on owner records, counted in fixed windows in this process's memory (one limiter per
/// twin). Hosts do not share counts: with N hosts a visitor may leave up to N times the limit. Expired windows are dropped
/// as new records arrive, so memory stays bounded by the visitors of one window.
/// </summary>
internal sealed class OwnerRecordLimiter(ToolsOptions options, TimeProvider time)
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Takes one record from the session's and the client's allowance; <see langword="false"/> when either is used up.</summary>
    public bool TryAcquire(string session, string? client)
    {
        var now = time.GetUtcNow();
        lock (_windows)
        {
            Sweep(now);
            var bySession = Current("s:" + session, now);
            var byClient = client is null ? null : Current("c:" + client, now);
            if (bySession.Count >= options.MaxRecordsPerSession || byClient?.Count >= options.MaxRecordsPerClient)
            {
                return false;
            }

            bySession.Count++;
            if (byClient is not null)
            {
                byClient.Count++;
            }

            return true;
        }
    }

    /// <summary>Gives back what <see cref="TryAcquire"/> took, when nothing new was stored after all.</summary>
    public void Release(string session, string? client)
    {
        lock (_windows)
        {
            Decrement("s:" + session);
            if (client is not null)
            {
                Decrement("c:" + client);
            }
        }
    }

    private Window Current(string key, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window) || window.Ends <= now)
        {
            _windows[key] = window = new Window(now + options.RecordLimitWindow);
        }

        return window;
    }

    private void Decrement(string key)
    {
        if (_windows.TryGetValue(key, out var window) && window.Count > 0)
        {
            window.Count--;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var key in _windows.Where(kv => kv.Value.Ends <= now).Select(kv => kv.Key).ToArray())
        {
            _windows.Remove(key);
        }

        _nextSweep = now + options.RecordLimitWindow;
    }

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }
    }
}
