using DigitalTwin.AspNetCore.Health;
using DigitalTwin.AspNetCore.Tests.Web;
using DigitalTwin.Persona;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.AspNetCore.Tests.Health;

public sealed class TwinPersonaHealthCheckTests
{
    [Fact]
    public async Task Readiness_is_unhealthy_at_once_while_the_persona_is_still_loading_and_healthy_once_it_is_loaded()
    {
        var persona = new TaskCompletionSource<PersonaPrompt>();
        var check = new TwinPersonaHealthCheck(new OneTwinCatalog(persona.Task));

        var loading = await check.CheckHealthAsync(new HealthCheckContext());
        persona.SetResult(new PersonaPrompt("You are Tess, a test persona.", PromptLanguage.English));
        var loaded = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, loading.Status);
        Assert.Contains("still loading its persona", loading.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, loaded.Status);
        Assert.Equal("loaded", loaded.Data["default"]);
    }

    [Fact]
    public async Task Readiness_is_unhealthy_without_the_error_text_when_the_persona_failed_to_load()
    {
        var check = new TwinPersonaHealthCheck(new OneTwinCatalog(Task.FromException<PersonaPrompt>(new PersonaException("secret path /x/y"))));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("could not load its persona", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Description, StringComparison.Ordinal);
    }

    private sealed class OneTwinCatalog(Task<PersonaPrompt> prompt) : IDigitalTwinCatalog
    {
        private readonly Twin _twin = new("default", new DigitalTwinOptions(), new Lazy<Task<PersonaPrompt>>(() => prompt), new FakeChatClient(),
            new InMemoryConversationStore(), TimeProvider.System, NullLogger.Instance);

        public IReadOnlyCollection<string> Names => ["default"];

        public IDigitalTwin? Find(string name) => name == "default" ? _twin : null;
    }
}
