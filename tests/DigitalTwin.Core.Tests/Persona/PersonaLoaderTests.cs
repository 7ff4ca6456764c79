using DigitalTwin.Persona;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Core.Tests.Persona;

public sealed class PersonaLoaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task MissingFolder_ThrowsNamingTheFolder()
    {
        var missing = Path.Combine(_root.Path, "nope");
        var ex = await Assert.ThrowsAsync<PersonaException>(() => PersonaLoader.LoadAsync(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFactsJson_ThrowsSayingWhatToAdd()
    {
        var dir = PersonaFolder.Create(_root, facts: null);
        var ex = await Assert.ThrowsAsync<PersonaException>(() => PersonaLoader.LoadAsync(dir));
        Assert.Contains("has no facts.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("full_name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_ReportsFileLineAndPosition()
    {
        var dir = PersonaFolder.Create(_root, facts: "{\n  \"full_name\": \"A B\",\n  \"name\" \"A\"\n}");
        var ex = await Assert.ThrowsAsync<PersonaException>(() => PersonaLoader.LoadAsync(dir));
        Assert.Contains(Path.Combine(dir, "facts.json"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, position 10", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "A" }""", "full_name")]
    [InlineData("""{ "full_name": "A B", "name": "  " }""", "\"name\"")]
    [InlineData("""{ "full_name": 42, "name": "A" }""", "full_name")]
    public async Task MissingOrEmptyNameField_ThrowsNamingTheField(string facts, string field)
    {
        var dir = PersonaFolder.Create(_root, facts);
        var ex = await Assert.ThrowsAsync<PersonaException>(() => PersonaLoader.LoadAsync(dir));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FactsThatAreNotAnObject_AreRejected()
    {
        var dir = PersonaFolder.Create(_root, "[1, 2]");
        var ex = await Assert.ThrowsAsync<PersonaException>(() => PersonaLoader.LoadAsync(dir));
        Assert.Contains("must hold a JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllFiles_AreLoadedAndUnknownFactsKept()
    {
        var dir = PersonaFolder.Create(_root, """{ "full_name": "Test Person", "name": "Tess", "favourite_tool": "vim", "awards": [{"title": "X", "year": 2020}] }""", new Dictionary<string, string>
        {
            ["summary.txt"] = "  A summary.  \n",
            ["style.txt"] = "Brief.",
            ["b-notes.md"] = "Note B",
            ["a-notes.txt"] = "Note A",
            ["empty.md"] = "   ",
            ["ignored.json"] = "{}",
        });

        var persona = await PersonaLoader.LoadAsync(dir);

        Assert.Equal("Test Person", persona.FullName);
        Assert.Equal("Tess", persona.Name);
        Assert.Equal("A summary.", persona.Summary);
        Assert.Equal("Brief.", persona.Style);
        Assert.Equal(["a-notes.txt", "b-notes.md"], persona.Notes.Select(n => n.FileName));
        Assert.Equal("vim", persona.Facts["favourite_tool"]!.GetValue<string>());
        var prompt = PersonaPromptBuilder.Build(persona).Prefix;
        Assert.Contains("- Favourite tool: vim", prompt, StringComparison.Ordinal);
        Assert.Contains("- Title: X; Year: 2020", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadablePdf_IsALoggedWarningAndTheRestLoads()
    {
        var dir = PersonaFolder.Create(_root, files: new Dictionary<string, string> { ["linkedin.pdf"] = "%PDF-1.7 this is not really a pdf" });
        var logger = new ListLogger();

        var persona = await PersonaLoader.LoadAsync(dir, logger);

        Assert.Equal(string.Empty, persona.LinkedInText);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("linkedin.pdf", warning.Message, StringComparison.Ordinal);
    }
}
