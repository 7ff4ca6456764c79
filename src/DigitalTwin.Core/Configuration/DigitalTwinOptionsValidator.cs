using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>Checks a twin's options when the host starts, with messages that say what to change.</summary>
internal sealed class DigitalTwinOptionsValidator : IValidateOptions<DigitalTwinOptions>
{
    public ValidateOptionsResult Validate(string? name, DigitalTwinOptions options)
    {
        var errors = new OptionsErrors(name, null);
        errors.Check(string.IsNullOrWhiteSpace(options.PersonaDirectory), $"PersonaDirectory is empty: set it to the folder that holds facts.json.");
        errors.Check(
            !string.IsNullOrWhiteSpace(options.PersonaDirectory) && !Directory.Exists(options.PersonaDirectory),
            $"PersonaDirectory '{Path.GetFullPath(options.PersonaDirectory!)}' does not exist: create it with a facts.json, or point the setting at your persona folder.");
        errors.Check(options.MaxHistoryMessages < 0, $"MaxHistoryMessages is {options.MaxHistoryMessages}: use 0 or more (default 10).");
        errors.Check(options.MaxHistoryTokens is <= 0, $"MaxHistoryTokens is {options.MaxHistoryTokens}: use a positive number, or leave it unset for no token budget.");
        errors.Check(options.MaxMessageLength is < 1 or > 100_000, $"MaxMessageLength is {options.MaxMessageLength}: use 1 to 100000 characters (default 4000).");
        errors.Check(options.IdempotencyLookbackTurns is < 1 or > 1000, $"IdempotencyLookbackTurns is {options.IdempotencyLookbackTurns}: use 1 to 1000 (default 50).");
        errors.Check(options.IdempotencyKeyRetention < TimeSpan.FromMinutes(1) || options.IdempotencyKeyRetention > TimeSpan.FromDays(30), $"IdempotencyKeyRetention is {options.IdempotencyKeyRetention}: use 00:01:00 to 30.00:00:00 (default 1.00:00:00, a day).");
        errors.Check(options.IdempotencyKeySecret is { Length: < 32 }, $"IdempotencyKeySecret has {options.IdempotencyKeySecret?.Length} characters: use at least 32 random ones (for example `openssl rand -base64 48`), or leave it unset.");
        errors.Check(!Enum.IsDefined(options.Language), $"Language '{options.Language}' is not supported: use English or Spanish, or a custom PromptTemplate.");

        errors.AddRange(Resilience.ResilienceOptionsValidator.Validate(errors.Section, options.Resilience));
        errors.AddRange(Analytics.AnalyticsOptions.Validate(errors.Section, options.Analytics));
        errors.AddRange(Tools.ToolsOptions.Validate(errors.Section, options.Tools));
        return errors.Result;
    }
}
