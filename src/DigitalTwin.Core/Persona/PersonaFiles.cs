namespace DigitalTwin.Persona;

/// <summary>The file names DigitalTwin reads from a persona folder.</summary>
public static class PersonaFiles
{
    /// <summary>Required: the facts, a JSON object with at least <c>full_name</c> and <c>name</c>.</summary>
    public const string Facts = "facts.json";

    /// <summary>Optional: summary notes in the person's words.</summary>
    public const string Summary = "summary.txt";

    /// <summary>Optional: notes on the person's communication style.</summary>
    public const string Style = "style.txt";

    /// <summary>Optional: a LinkedIn "Save to PDF" export or a résumé.</summary>
    public const string LinkedIn = "linkedin.pdf";
}
