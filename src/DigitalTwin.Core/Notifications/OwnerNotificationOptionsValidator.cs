using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Notifications;

/// <summary>Checks a twin's notification settings at start, listing every problem with its configuration path (never a secret's value).</summary>
internal sealed class OwnerNotificationOptionsValidator : IValidateOptions<OwnerNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, OwnerNotificationOptions options)
    {
        var errors = new OptionsErrors(name, "Notifications");
        errors.Check(options.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)), $"WebhookUrl is not an absolute http or https address: use your webhook's full address, such as https://hooks.slack.com/services/….");
        errors.Check(!Enum.IsDefined(options.Format), $"Format '{options.Format}' is not supported: use Json, Slack or Pushover.");

        if (options.Format == OwnerNotificationFormat.Pushover && options.WebhookUrl is not null)
        {
            errors.Check(string.IsNullOrWhiteSpace(options.PushoverToken), $"PushoverToken is empty: Pushover needs the application's API token.");
            errors.Check(string.IsNullOrWhiteSpace(options.PushoverUser), $"PushoverUser is empty: Pushover needs the user or group key to notify.");
        }

        Positive(errors, nameof(options.Timeout), options.Timeout, "10 seconds");
        Positive(errors, nameof(options.InitialBackoff), options.InitialBackoff, "5 seconds");
        Positive(errors, nameof(options.PollInterval), options.PollInterval, "1 minute");
        errors.Check(options.MaxBackoff < options.InitialBackoff, $"MaxBackoff ({options.MaxBackoff}) is shorter than InitialBackoff ({options.InitialBackoff}): use a longer one (default 00:15:00).");

        return errors.Result;
    }

    private static void Positive(OptionsErrors errors, string setting, TimeSpan value, string byDefault)
    {
        errors.Check(value <= TimeSpan.Zero || value > TimeSpan.FromDays(1), $"{setting} is {value}: use a positive time span of at most a day (default {byDefault}).");
    }
}
