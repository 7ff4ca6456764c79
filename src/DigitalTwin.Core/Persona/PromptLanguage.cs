namespace DigitalTwin.Persona;

/// <summary>The language of the built-in persona prompt template.</summary>
public enum PromptLanguage
{
    /// <summary>English.</summary>
    English,

    /// <summary>Spanish.</summary>
    Spanish,
}
