using System.Text.Json.Nodes;

namespace DigitalTwin.Persona;

/// <summary>Everything the twin knows about the person it represents, as loaded from a persona folder.</summary>
public sealed class PersonaProfile
{
    /// <summary>The full name (facts.json <c>full_name</c>).</summary>
    public required string FullName { get; init; }

    /// <summary>The name the person goes by (facts.json <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Every field of facts.json, in file order, including fields DigitalTwin does not know.</summary>
    public required JsonObject Facts { get; init; }

    /// <summary>summary.txt, trimmed; empty when absent.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>style.txt, trimmed; empty when absent.</summary>
    public string Style { get; init; } = string.Empty;

    /// <summary>Text extracted from linkedin.pdf; empty when absent or unreadable.</summary>
    public string LinkedInText { get; init; } = string.Empty;

    /// <summary>Extra <c>.md</c> and <c>.txt</c> notes in the folder, in ordinal file-name order.</summary>
    public IReadOnlyList<PersonaNote> Notes { get; init; } = [];

    /// <summary>The folder the persona was loaded from (full path).</summary>
    public string Directory { get; init; } = string.Empty;
}
