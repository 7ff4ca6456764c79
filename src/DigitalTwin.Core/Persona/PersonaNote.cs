namespace DigitalTwin.Persona;

/// <summary>An extra note file from the persona folder.</summary>
/// <param name="FileName">The file's name, for example <c>projects.md</c>.</param>
/// <param name="Content">The file's text, trimmed.</param>
public sealed record PersonaNote(string FileName, string Content);
