namespace DigitalTwin.Testing;

/// <summary>Writes persona folders for tests.</summary>
public static class PersonaFolder
{
    public const string MinimalFacts = """{ "full_name": "Test Person", "name": "Tess" }""";

    /// <summary>The sample app's persona folder, copied beside the test assembly (by DigitalTwin.Core.Tests).</summary>
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "sample-persona");

    /// <summary>A persona folder for <paramref name="fullName"/> (facts and a summary) in a new temporary folder.</summary>
    public static string Create(string fullName = "Ada Lovelace", string name = "Ada") =>
        Create(new TempDirectory(), $$"""{ "full_name": "{{fullName}}", "name": "{{name}}" }""",
            new Dictionary<string, string> { ["summary.txt"] = $"{fullName} writes about analytical engines." });

    /// <summary>Writes <c>persona/</c> under <paramref name="root"/>: <paramref name="facts"/> as facts.json and the other <paramref name="files"/>.</summary>
    public static string Create(TempDirectory root, string? facts = MinimalFacts, IReadOnlyDictionary<string, string>? files = null)
    {
        var dir = Path.Combine(root.Path, "persona");
        Directory.CreateDirectory(dir);
        if (facts is not null)
        {
            File.WriteAllText(Path.Combine(dir, "facts.json"), facts);
        }

        foreach (var (name, content) in files ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(dir, name), content);
        }

        return dir;
    }
}
