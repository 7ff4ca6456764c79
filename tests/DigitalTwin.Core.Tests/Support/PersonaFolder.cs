namespace DigitalTwin.Core.Tests.Support;

/// <summary>Writes persona folders for tests.</summary>
public static class PersonaFolder
{
    public const string MinimalFacts = """{ "full_name": "Test Person", "name": "Tess" }""";

    /// <summary>The sample app's persona folder, copied beside the test assembly.</summary>
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "sample-persona");

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
