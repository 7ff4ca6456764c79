using System.Diagnostics;

namespace DigitalTwin.Persona.Pdf;

/// <summary>Tracks the limits of one extraction: time, cancellation, operators and decoded bytes.</summary>
internal sealed class PdfExtractionContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _operators;
    private long _decodedBytes;

    public PdfExtractionContext(PdfExtractionOptions options, CancellationToken cancellationToken)
    {
        Options = options;
        CancellationToken = cancellationToken;
    }

    public PdfExtractionOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Set when a limit cut the extraction short; the text may be partial.</summary>
    public string? LimitHit { get; private set; }

    /// <summary>Whether extraction must stop now (a budget is spent).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>How many valid content operators were seen (zero when content could not be decrypted).</summary>
    public long ValidOperators { get; private set; }

    /// <summary>Counts one content operator; throws on cancellation and marks exhaustion on limits.</summary>
    public void CountOperator(bool valid)
    {
        _operators++;
        if (valid)
        {
            ValidOperators++;
        }

        if ((_operators & 0x3FF) == 0)
        {
            CheckTime();
        }

        if (_operators > Options.MaxOperators)
        {
            Stop("too many content operators");
        }
    }

    /// <summary>Throws on cancellation and marks exhaustion when the time budget is spent.</summary>
    public void CheckTime()
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (_clock.Elapsed > Options.TimeBudget)
        {
            Stop("time budget exceeded");
        }
    }

    /// <summary>How many more bytes the document may decode; zero when the total budget is spent.</summary>
    public int DecodeAllowance()
    {
        long left = Options.MaxTotalDecodedBytes - _decodedBytes;
        return (int)Math.Clamp(left, 0, Options.MaxDecodedStreamBytes);
    }

    /// <summary>Records decoded bytes against the document budget.</summary>
    public void CountDecoded(int bytes) => _decodedBytes += bytes;

    /// <summary>Records that a limit truncated some data without stopping the whole extraction.</summary>
    public void NoteLimit(string what) => LimitHit ??= what;

    /// <summary>Stops the extraction: the text read so far is kept.</summary>
    public void Stop(string what)
    {
        NoteLimit(what);
        Exhausted = true;
    }
}
