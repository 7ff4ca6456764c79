namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>Writes a minimal persona folder to a temporary directory.</summary>
internal static class TestPersona
{
    public static string Create(string fullName = "Ada Lovelace", string name = "Ada")
    {
        var directory = Path.Combine(Path.GetTempPath(), "dt-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "facts.json"), $$"""{ "full_name": "{{fullName}}", "name": "{{name}}" }""");
        File.WriteAllText(Path.Combine(directory, "summary.txt"), $"{fullName} writes about analytical engines.");
        return directory;
    }
}
