using Microsoft.Extensions.Logging;

namespace DigitalTwin.Testing;

/// <summary>Gives every category the same <see cref="ListLogger"/>, for asserting on everything a host logs.</summary>
public sealed class ListLoggerProvider(ListLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
