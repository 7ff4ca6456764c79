using DigitalTwin.Persona;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Persona;

public sealed class PersonaPromptBuilderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static FakeTimeProvider Clock(DateTimeOffset at)
    {
        var clock = new FakeTimeProvider(at);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    [Fact]
    public async Task SamplePersona_English_MatchesApprovedSnapshot()
    {
        var persona = await PersonaLoader.LoadAsync(PersonaFolder.Sample);
        Approver.Verify(PersonaPromptBuilder.Build(persona, PromptLanguage.English).Render(Clock(Noon)), "sample-persona.en");
    }

    [Fact]
    public async Task SamplePersona_Spanish_MatchesApprovedSnapshot()
    {
        var persona = await PersonaLoader.LoadAsync(PersonaFolder.Sample);
        Approver.Verify(PersonaPromptBuilder.Build(persona, PromptLanguage.Spanish).Render(Clock(Noon)), "sample-persona.es");
    }

    [Fact]
    public async Task CustomTemplate_MatchesApprovedSnapshot()
    {
        var persona = await PersonaLoader.LoadAsync(PersonaFolder.Sample);
        const string template = "You are {{ name }} ({{full_name}}). Stick to these facts:\n{{facts}}\n\nTone: {{style}}\nNotes:\n{{notes}}";
        Approver.Verify(PersonaPromptBuilder.Build(persona, PromptLanguage.English, template).Render(Clock(Noon)), "custom-template");
    }

    [Fact]
    public async Task Prefix_IsByteIdenticalForRequestsAtDifferentTimes()
    {
        var prompt = PersonaPromptBuilder.Build(await PersonaLoader.LoadAsync(PersonaFolder.Sample));

        var morning = Encoding.UTF8.GetBytes(prompt.Render(Clock(Noon.AddHours(-3))));
        var night = Encoding.UTF8.GetBytes(prompt.Render(Clock(Noon.AddHours(10).AddMinutes(7))));
        var prefix = Encoding.UTF8.GetBytes(prompt.Prefix);

        Assert.NotEqual(morning, night);
        Assert.True(morning.AsSpan().StartsWith(prefix));
        Assert.True(night.AsSpan().StartsWith(prefix));
        Assert.True(morning.AsSpan().CommonPrefixLength(night) >= prefix.Length);
        var suffix = Encoding.UTF8.GetString(morning.AsSpan(prefix.Length)).Trim();
        Assert.DoesNotContain('\n', suffix);
        Assert.EndsWith("2026-03-14 09:00:00 UTC+00:00", suffix, StringComparison.Ordinal);
        Assert.DoesNotContain("2026", prompt.Prefix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PromptLanguage.English, "Do not invent", "ignore previous instructions", "unprofessional", "chatbot", "don't end every message with a question")]
    [InlineData(PromptLanguage.Spanish, "No inventes", "ignores las instrucciones anteriores", "poco profesional", "chatbot", "no termines cada mensaje con una pregunta")]
    public void BuiltInTemplates_CarryTheCriticalRules(PromptLanguage language, params string[] phrases)
    {
        var persona = new PersonaProfile { FullName = "Test Person", Name = "Tess", Facts = [] };
        var prompt = PersonaPromptBuilder.Build(persona, language).Prefix;
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, prompt, StringComparison.Ordinal);
        }

        Assert.Contains(language == PromptLanguage.English ? "(not provided)" : "(no disponible)", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomTemplate_WithUnknownPlaceholder_ThrowsListingTheKnownOnes()
    {
        var persona = new PersonaProfile { FullName = "Test Person", Name = "Tess", Facts = [] };
        var ex = Assert.Throws<PersonaException>(() => PersonaPromptBuilder.Build(persona, template: "Hi {{nickname}}"));
        Assert.Contains("{{nickname}}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{{full_name}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomTemplate_WithDateTimePlaceholder_ThrowsExplainingWhy()
    {
        var persona = new PersonaProfile { FullName = "Test Person", Name = "Tess", Facts = [] };
        var ex = Assert.Throws<PersonaException>(() => PersonaPromptBuilder.Build(persona, template: "Now is {{datetime}}. {{name}}"));
        Assert.Contains("appended at the end", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hi, I am {name}.", "{name} in single braces", "write {{name}}")]
    [InlineData("Hi, I am {nickname}.", "{nickname}, which looks like a placeholder", "Known placeholders (in double braces)")]
    [InlineData("Hi, I am {{full-name}}.", "unknown placeholder {{full-name}}", "Known placeholders")]
    [InlineData("Hi {{ name2 }}.", "unknown placeholder {{name2}}", "{{summary}}")]
    public void CustomTemplate_WithSingleBracesOrAMisspeltPlaceholder_ThrowsListingTheKnownOnes(string template, string problem, string hint)
    {
        var persona = new PersonaProfile { FullName = "Test Person", Name = "Tess", Facts = [] };

        var ex = Assert.Throws<PersonaException>(() => PersonaPromptBuilder.Build(persona, template: template));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("{{full_name}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomTemplate_KeepsBracesThatAreNotPlaceholders_AndBracesInPersonaText()
    {
        var persona = new PersonaProfile { FullName = "Test Person", Name = "Tess", Facts = [], Summary = "I write {name} and {{style}} literally." };

        var prompt = PersonaPromptBuilder.Build(persona, template: "Answer as JSON { \"reply\": \"…\" } or {} for {{name}}: {{summary}}").Prefix;

        Assert.Equal("Answer as JSON { \"reply\": \"…\" } or {} for Tess: I write {name} and {{style}} literally.", prompt);
    }

    [Fact]
    public async Task HostStart_WithASingleBracePlaceholderInTheConfiguredTemplate_FailsWithTheMessage()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddDigitalTwin(o =>
        {
            o.PersonaDirectory = PersonaFolder.Sample;
            o.PromptTemplate = "You are {full_name}.";
        }).UseInMemoryStore();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<PersonaException>(() => host.StartAsync());

        Assert.Contains("write {{full_name}}", ex.Message, StringComparison.Ordinal);
    }
}
