namespace DigitalTwin.Conversations;

/// <summary>The twins registered with <c>AddDigitalTwin</c>, by name.</summary>
public interface IDigitalTwinCatalog
{
    /// <summary>The registered twins' names.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Finds a twin by name (ordinal, case-insensitive); <see langword="null"/> when there is none.</summary>
    IDigitalTwin? Find(string name);
}
