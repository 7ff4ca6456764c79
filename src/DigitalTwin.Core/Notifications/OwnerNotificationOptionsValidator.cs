using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Notifications;

/// <summary>Checks a twin's notification settings at start, listing every problem with its configuration path (never a secret's value).</summary>
internal sealed class OwnerNotificationOptionsValidator : IValidateOptions<OwnerNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, OwnerNotificationOptions options)
    {
        var section = TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":Notifications";
        var errors = new List<string>();
        if (options.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"{section}:WebhookUrl is not an absolute http or https address: use your webhook's full address, such as https://hooks.slack.com/services/….");
        }

        if (!Enum.IsDefined(options.Format))
        {
            errors.Add($"{section}:Format '{options.Format}' is not supported: use Json, Slack or Pushover.");
        }

        if (options.Format == OwnerNotificationFormat.Pushover && options.WebhookUrl is not null)
        {
            if (string.IsNullOrWhiteSpace(options.PushoverToken))
            {
                errors.Add($"{section}:PushoverToken is empty: Pushover needs the application's API token.");
            }

            if (string.IsNullOrWhiteSpace(options.PushoverUser))
            {
                errors.Add($"{section}:PushoverUser is empty: Pushover needs the user or group key to notify.");
            }
        }

        Positive(errors, section, nameof(options.Timeout), options.Timeout, "10 seconds");
        Positive(errors, section, nameof(options.InitialBackoff), options.InitialBackoff, "5 seconds");
        Positive(errors, section, nameof(options.PollInterval), options.PollInterval, "1 minute");
        if (options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add($"{section}:MaxBackoff ({options.MaxBackoff}) is shorter than InitialBackoff ({options.InitialBackoff}): use a longer one (default 00:15:00).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string section, string setting, TimeSpan value, string byDefault)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            errors.Add($"{section}:{setting} is {value}: use a positive time span of at most a day (default {byDefault}).");
        }
    }
}
