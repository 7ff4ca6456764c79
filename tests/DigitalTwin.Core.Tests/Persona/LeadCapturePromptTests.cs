using DigitalTwin.Core.Tests.Tools;
using DigitalTwin.Persona;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Persona;

/// <summary>The prompt section that tells the model when to use the lead-capture tools: present only when they are on.</summary>
public sealed class LeadCapturePromptTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PromptLanguage.English, "sample-persona.lead-capture.en")]
    [InlineData(PromptLanguage.Spanish, "sample-persona.lead-capture.es")]
    public async Task SamplePersonaWithLeadCapture_MatchesApprovedSnapshot(PromptLanguage language, string snapshot)
    {
        var persona = await PersonaLoader.LoadAsync(PersonaFolder.Sample);
        var clock = new FakeTimeProvider(Noon);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);

        var prompt = PersonaPromptBuilder.WithLeadCapture(PersonaPromptBuilder.Build(persona, language));

        Approver.Verify(prompt.Render(clock), snapshot);
        Assert.StartsWith(PersonaPromptBuilder.Build(persona, language).Prefix, prompt.Prefix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, PromptLanguage.English, "record_user_details")]
    [InlineData(true, PromptLanguage.Spanish, "## Herramientas")]
    [InlineData(false, PromptLanguage.English, null)]
    public async Task TwinsSystemPrompt_HasTheToolSection_OnlyWithLeadCapture(bool leadCapture, PromptLanguage language, string? expected)
    {
        var model = new ToolCallingModel();
        using var host = new TwinHost(
            b =>
            {
                b.UseChatClient(model).UseInMemoryStore();
                if (leadCapture)
                {
                    b.UseLeadCapture();
                }
            },
            options: o => o.Language = language);

        await host.Twin.ChatAsync(new TwinChatRequest("hello"));

        var system = model.Calls[0].Messages[0].Text;
        if (expected is null)
        {
            Assert.DoesNotContain("record_user_details", system);
            Assert.DoesNotContain("## Tools", system);
        }
        else
        {
            Assert.Contains(expected, system);
        }
    }

    [Fact]
    public async Task CustomTemplate_GetsTheToolSectionToo()
    {
        var persona = await PersonaLoader.LoadAsync(PersonaFolder.Sample);

        var prompt = PersonaPromptBuilder.WithLeadCapture(PersonaPromptBuilder.Build(persona, PromptLanguage.English, "You are {{name}}."));

        Assert.StartsWith("You are " + persona.Name + ".\n\n## Tools", prompt.Prefix, StringComparison.Ordinal);
        Assert.Contains("in touch with " + persona.Name, prompt.Prefix.Replace("working with", "in touch with"), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", prompt.Prefix, StringComparison.Ordinal);
    }
}
