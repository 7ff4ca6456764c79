using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.Owner;

namespace DigitalTwin.Notifications;

/// <summary>The webhook bodies of <see cref="OwnerNotificationFormat"/>, serialized with source-generated JSON.</summary>
internal static class OwnerNotificationBodies
{
    /// <summary>Pushover's limits on a message and its title, in characters.</summary>
    private const int PushoverMessageLimit = 1024, PushoverTitleLimit = 250;

    public static HttpContent Create(OwnerRecord record, string twin, OwnerNotificationOptions options) => options.Format switch
    {
        OwnerNotificationFormat.Slack => Json(new SlackMessage(Text(record, twin, slack: true)), NotificationJsonContext.Default.SlackMessage),
        OwnerNotificationFormat.Pushover => new FormUrlEncodedContent(
        [
            new("token", options.PushoverToken ?? ""),
            new("user", options.PushoverUser ?? ""),
            new("title", Cut(Title(record, twin), PushoverTitleLimit)),
            new("message", Cut(Text(record, twin, slack: false), PushoverMessageLimit)),
        ]),
        _ => Json(WebhookPayload.Of(record, twin), NotificationJsonContext.Default.WebhookPayload),
    };

    /// <summary>The one-line title of a record (<c>New lead</c>, <c>Unanswered question</c>) with the twin's name.</summary>
    public static string Title(OwnerRecord record, string twin) =>
        (record.Kind == OwnerRecordKind.Lead ? "New lead" : "Unanswered question") + $" ({twin})";

    /// <summary>A readable message; for Slack, the visitor's text is escaped so it cannot mention a channel or forge a link.</summary>
    public static string Text(OwnerRecord record, string twin, bool slack)
    {
        string V(string? value) => value is null ? "" : slack ? value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal) : value;
        var text = new StringBuilder();
        if (record.Kind == OwnerRecordKind.Lead)
        {
            text.Append(CultureInfo.InvariantCulture, $"New lead on twin '{V(twin)}': {V(record.Name ?? "a visitor")} ({V(record.Email)})");
            if (!string.IsNullOrWhiteSpace(record.Notes))
            {
                text.Append(CultureInfo.InvariantCulture, $"\nNotes: {V(record.Notes)}");
            }
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Unanswered question on twin '{V(twin)}': {V(record.Question)}");
        }

        return text.Append(CultureInfo.InvariantCulture, $"\nSession {record.Conversation.SessionId.Value}, {record.CreatedAt:yyyy-MM-dd HH:mm} UTC").ToString();
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private static ByteArrayContent Json<T>(T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }
}

/// <summary>A Slack incoming-webhook message: <c>{"text":…}</c>.</summary>
internal sealed record SlackMessage(string Text);

/// <summary>The generic JSON body: the record's fields, snake_case (<see cref="NotificationJsonContext"/>), nulls left out.</summary>
internal sealed record WebhookPayload(
    string Kind, string Id, string Twin, string SessionId, string TurnId, DateTimeOffset CreatedAt, string? Email, string? Name, string? Notes, string? Question)
{
    public static WebhookPayload Of(OwnerRecord r, string twin) => new(
        OwnerRecord.KindName(r.Kind), r.Id, twin, r.Conversation.SessionId.Value, r.TurnId, r.CreatedAt, r.Email, r.Name, r.Notes, r.Question);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
