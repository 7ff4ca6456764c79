using DigitalTwin.Configuration;

namespace DigitalTwin.Notifications;

/// <summary>
/// How the twin tells its owner about a new lead or unanswered question: a webhook, section <c>DigitalTwin:Notifications</c>
/// (or <c>DigitalTwin:Twins:{name}:Notifications</c>). Off until <see cref="WebhookUrl"/> is set. Deliveries come from the
/// store's outbox after the record is stored, retried with exponential backoff until the webhook answers 2xx, once per record
/// across hosts. The webhook address and the Pushover token and user are secrets: they are never logged.
/// </summary>
public sealed class OwnerNotificationOptions : ITwinOptions
{
    /// <summary>Where notifications are POSTed (http or https). Default <see langword="null"/>: no notifications. A secret (Slack hook addresses are credentials).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The body's format. Default <see cref="OwnerNotificationFormat.Json"/>.</summary>
    public OwnerNotificationFormat Format { get; set; } = OwnerNotificationFormat.Json;

    /// <summary>The Pushover application token (required with <see cref="OwnerNotificationFormat.Pushover"/>). A secret.</summary>
    public string? PushoverToken { get; set; }

    /// <summary>The Pushover user (or group) key (required with <see cref="OwnerNotificationFormat.Pushover"/>). A secret.</summary>
    public string? PushoverUser { get; set; }

    /// <summary>How long one delivery may take before it counts as failed and is retried. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry of a failed delivery; it doubles with each failure. Default 5 seconds.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between retries. Default 15 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the outbox is looked at when nothing announced a new record (records left by another host, retries). Default 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    static string? ITwinOptions.Section => "Notifications";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)), $"WebhookUrl is not an absolute http or https address: use your webhook's full address, such as https://hooks.slack.com/services/….");
        errors.Check(!Enum.IsDefined(Format), $"Format '{Format}' is not supported: use Json, Slack or Pushover.");

        if (Format == OwnerNotificationFormat.Pushover && WebhookUrl is not null)
        {
            errors.Check(string.IsNullOrWhiteSpace(PushoverToken), $"PushoverToken is empty: Pushover needs the application's API token.");
            errors.Check(string.IsNullOrWhiteSpace(PushoverUser), $"PushoverUser is empty: Pushover needs the user or group key to notify.");
        }

        Positive(errors, nameof(Timeout), Timeout, "10 seconds");
        Positive(errors, nameof(InitialBackoff), InitialBackoff, "5 seconds");
        Positive(errors, nameof(PollInterval), PollInterval, "1 minute");
        errors.Check(MaxBackoff < InitialBackoff, $"MaxBackoff ({MaxBackoff}) is shorter than InitialBackoff ({InitialBackoff}): use a longer one (default 00:15:00).");
    }

    private static void Positive(OptionsErrors errors, string setting, TimeSpan value, string byDefault)
    {
        errors.Check(value <= TimeSpan.Zero || value > TimeSpan.FromDays(1), $"{setting} is {value}: use a positive time span of at most a day (default {byDefault}).");
    }
}
