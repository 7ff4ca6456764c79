namespace DigitalTwin.Persona;

/// <summary>A persona folder cannot be used. The message says which file is wrong and how to fix it.</summary>
public sealed class PersonaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersonaException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public PersonaException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public PersonaException() : base("The persona folder cannot be used.") { }

    /// <summary>The file at fault, when one is.</summary>
    public string? FilePath { get; init; }
}
