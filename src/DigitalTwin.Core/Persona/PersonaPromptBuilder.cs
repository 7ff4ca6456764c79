using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTwin.Persona;

/// <summary>Builds a twin's <see cref="PersonaPrompt"/> from a <see cref="PersonaProfile"/> and a template.</summary>
public static partial class PersonaPromptBuilder
{
    /// <summary>The placeholders a template may use: <c>{{full_name}}</c>, <c>{{name}}</c>, <c>{{facts}}</c>, <c>{{summary}}</c>, <c>{{linkedin}}</c>, <c>{{style}}</c>, <c>{{notes}}</c>.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["full_name", "name", "facts", "summary", "linkedin", "style", "notes"];

    /// <summary>
    /// Builds the prompt. With <paramref name="template"/> <see langword="null"/> the built-in template for
    /// <paramref name="language"/> is used; <paramref name="language"/> also picks the wording of the date-and-time line.
    /// </summary>
    /// <exception cref="PersonaException">
    /// The custom template uses an unknown placeholder, a placeholder in single braces (<c>{name}</c>), or <c>{{datetime}}</c>.
    /// </exception>
    public static PersonaPrompt Build(PersonaProfile persona, PromptLanguage language = PromptLanguage.English, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(persona);
        if (template is not null && SingleBracePattern().Match(template) is { Success: true } single)
        {
            var word = single.Groups[1].Value;
            throw new PersonaException(Placeholders.Contains(word, StringComparer.Ordinal)
                ? $"The prompt template has {{{word}}} in single braces: placeholders take double braces, write {{{{{word}}}}}. Known placeholders: {KnownList()}."
                : $"The prompt template has {{{word}}}, which looks like a placeholder but is not one. Known placeholders (in double braces): {KnownList()}.");
        }

        template ??= BuiltInTemplate(language);
        var missing = language == PromptLanguage.Spanish ? "(no disponible)" : "(not provided)";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["full_name"] = persona.FullName,
            ["name"] = persona.Name,
            ["facts"] = FactsRenderer.Render(persona.Facts, language),
            ["summary"] = OrMissing(persona.Summary, missing),
            ["linkedin"] = OrMissing(persona.LinkedInText, missing),
            ["style"] = OrMissing(persona.Style, missing),
            ["notes"] = OrMissing(RenderNotes(persona.Notes), missing),
        };

        var text = PlaceholderPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
            {
                return value;
            }

            throw new PersonaException(name == "datetime"
                ? "The prompt template uses {{datetime}}: remove it. The date and time are appended at the end of every prompt so the rest stays identical between requests (provider prompt caches rely on that)."
                : $"The prompt template uses the unknown placeholder {{{{{name}}}}}. Known placeholders: {KnownList()}.");
        });

        return new PersonaPrompt(text.ReplaceLineEndings("\n").TrimEnd(), language, persona);
    }

    private static string KnownList() => string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"));

    private static string OrMissing(string value, string missing) => string.IsNullOrWhiteSpace(value) ? missing : value;

    private static string RenderNotes(IReadOnlyList<PersonaNote> notes)
    {
        var sb = new StringBuilder();
        foreach (var note in notes)
        {
            sb.Append("### ").Append(note.FileName).Append('\n').Append(note.Content).Append("\n\n");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// <paramref name="prompt"/> with the built-in section that tells the model when to use the lead-capture tools
    /// (<c>record_user_details</c>, <c>record_unknown_question</c>), in the prompt's language. Appended also to custom templates.
    /// </summary>
    internal static PersonaPrompt WithLeadCapture(PersonaPrompt prompt) =>
        prompt.Append(PlaceholderPattern().Replace(
            Resource(prompt.Language == PromptLanguage.Spanish ? "tools-es.txt" : "tools-en.txt"),
            m => m.Groups[1].Value == "name" && prompt.Name.Length > 0 ? prompt.Name
                : prompt.Language == PromptLanguage.Spanish ? "la persona a quien representas" : "the person you represent"));

    private static string BuiltInTemplate(PromptLanguage language) =>
        Resource(language == PromptLanguage.Spanish ? "prompt-es.txt" : "prompt-en.txt");

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DigitalTwin.Persona.Templates." + name)
            ?? throw new InvalidOperationException($"The built-in template {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Anything in double braces is a placeholder, so a misspelt one ({{full-name}}, {{ name2 }}) is reported, not kept as text.
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex PlaceholderPattern();

    // {word} outside double braces: a placeholder written with single braces (JSON or prose in braces has spaces or quotes).
    [GeneratedRegex(@"(?<!\{)\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}(?!\})")]
    private static partial Regex SingleBracePattern();
}
