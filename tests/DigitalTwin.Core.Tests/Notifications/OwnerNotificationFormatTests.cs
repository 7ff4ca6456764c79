using System.Text.Json;
using DigitalTwin.Notifications;
using DigitalTwin.Owner;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Notifications;

/// <summary>The webhook bodies of each format, and the settings' validation at start.</summary>
public sealed class OwnerNotificationFormatTests
{
    private static readonly OwnerRecord Lead = new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Conversation = new ConversationKey("default", SessionId.Parse("visitor-session-1")),
        TurnId = "t1",
        Kind = OwnerRecordKind.Lead,
        CreatedAt = new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero),
        Email = "ana@example.com",
        Name = "Ana <!channel>",
        Notes = "Hiring & <https://evil.example|click>",
    };

    private static async Task<string> BodyAsync(OwnerRecord record, OwnerNotificationOptions options)
    {
        using var content = OwnerNotificationBodies.Create(record, "default", options);
        return await content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Json_CarriesEveryFieldOfTheRecord()
    {
        using var body = JsonDocument.Parse(await BodyAsync(Lead, new OwnerNotificationOptions()));
        var root = body.RootElement;

        Assert.Equal("lead", root.GetProperty("kind").GetString());
        Assert.Equal(Lead.Id, root.GetProperty("id").GetString());
        Assert.Equal("default", root.GetProperty("twin").GetString());
        Assert.Equal("visitor-session-1", root.GetProperty("session_id").GetString());
        Assert.Equal("ana@example.com", root.GetProperty("email").GetString());
        Assert.Equal(Lead.Notes, root.GetProperty("notes").GetString());
        Assert.Equal(Lead.CreatedAt, root.GetProperty("created_at").GetDateTimeOffset());
        Assert.False(root.TryGetProperty("question", out _));
    }

    [Fact]
    public async Task Slack_IsOneTextField_WithTheVisitorsTextEscapedSoItCannotMentionOrLink()
    {
        using var body = JsonDocument.Parse(await BodyAsync(Lead, new OwnerNotificationOptions { Format = OwnerNotificationFormat.Slack }));

        var text = Assert.Single(body.RootElement.EnumerateObject(), p => p.Name == "text").Value.GetString()!;
        Assert.StartsWith("New lead on twin 'default': Ana &lt;!channel&gt; (ana@example.com)", text, StringComparison.Ordinal);
        Assert.Contains("Notes: Hiring &amp; &lt;https://evil.example|click&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushover_IsAFormWithTokenUserTitleAndMessage_CutToPushoversLimits()
    {
        var question = Lead with { Kind = OwnerRecordKind.UnansweredQuestion, Email = null, Name = null, Notes = null, Question = new string('q', 2000) };
        var options = new OwnerNotificationOptions { Format = OwnerNotificationFormat.Pushover, PushoverToken = "app-token", PushoverUser = "user-key" };

        var form = (await BodyAsync(question, options)).Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

        Assert.Equal(["token", "user", "title", "message"], form.Keys);
        Assert.Equal(("app-token", "user-key", "Unanswered question (default)"), (form["token"], form["user"], form["title"]));
        Assert.Equal(1024, form["message"].Length);
        Assert.StartsWith("Unanswered question on twin 'default': qqq", form["message"], StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettings_AreAllReportedAtStart_WithTheirPaths_AndNoSecretValues()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DigitalTwin:Notifications:WebhookUrl"] = "ftp://hooks.example/s3cr3t",
            ["DigitalTwin:Notifications:Format"] = "Pushover",
            ["DigitalTwin:Notifications:Timeout"] = "-00:00:01",
            ["DigitalTwin:Notifications:MaxBackoff"] = "00:00:01",
            ["DigitalTwin:Twins:sales:Notifications:Format"] = "Carrier-pigeon",
        }).Build());
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseInMemoryStore();
        services.AddDigitalTwin("sales", o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient());
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<OwnerNotificationOptions>>();

        var ex = Assert.Throws<OptionsValidationException>(() => monitor.Get(DigitalTwinDefaults.TwinName));
        var sales = Assert.Throws<OptionsValidationException>(() => monitor.Get("sales"));

        Assert.Contains(ex.Failures, f => f.StartsWith("DigitalTwin:Notifications:WebhookUrl is not an absolute http or https address", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("DigitalTwin:Notifications:PushoverToken is empty", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("DigitalTwin:Notifications:PushoverUser is empty", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("DigitalTwin:Notifications:Timeout is -00:00:01", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("DigitalTwin:Notifications:MaxBackoff (00:00:01) is shorter than InitialBackoff", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.Contains("s3cr3t", StringComparison.Ordinal));
        Assert.Contains(sales.Failures, f => f.Contains("DigitalTwin:Twins:sales:Notifications:Format is 'Carrier-pigeon': use Json, Slack, Pushover", StringComparison.Ordinal));
    }
}
