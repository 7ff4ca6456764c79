using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>Checks a twin's options when the host starts, with messages that say what to change.</summary>
internal sealed class DigitalTwinOptionsValidator : IValidateOptions<DigitalTwinOptions>
{
    public ValidateOptionsResult Validate(string? name, DigitalTwinOptions options)
    {
        var section = TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PersonaDirectory))
        {
            errors.Add($"{section}:PersonaDirectory is empty: set it to the folder that holds facts.json.");
        }
        else if (!Directory.Exists(options.PersonaDirectory))
        {
            errors.Add($"{section}:PersonaDirectory '{Path.GetFullPath(options.PersonaDirectory)}' does not exist: create it with a facts.json, or point the setting at your persona folder.");
        }

        if (options.MaxHistoryMessages < 0)
        {
            errors.Add($"{section}:MaxHistoryMessages is {options.MaxHistoryMessages}: use 0 or more (default 10).");
        }

        if (options.MaxHistoryTokens is <= 0)
        {
            errors.Add($"{section}:MaxHistoryTokens is {options.MaxHistoryTokens}: use a positive number, or leave it unset for no token budget.");
        }

        if (options.MaxMessageLength is < 1 or > 100_000)
        {
            errors.Add($"{section}:MaxMessageLength is {options.MaxMessageLength}: use 1 to 100000 characters (default 4000).");
        }

        if (options.IdempotencyLookbackTurns is < 1 or > 1000)
        {
            errors.Add($"{section}:IdempotencyLookbackTurns is {options.IdempotencyLookbackTurns}: use 1 to 1000 (default 50).");
        }

        if (options.IdempotencyKeyRetention < TimeSpan.FromMinutes(1) || options.IdempotencyKeyRetention > TimeSpan.FromDays(30))
        {
            errors.Add($"{section}:IdempotencyKeyRetention is {options.IdempotencyKeyRetention}: use 00:01:00 to 30.00:00:00 (default 1.00:00:00, a day).");
        }

        if (options.IdempotencyKeySecret is { Length: < 32 })
        {
            errors.Add($"{section}:IdempotencyKeySecret has {options.IdempotencyKeySecret.Length} characters: use at least 32 random ones (for example `openssl rand -base64 48`), or leave it unset.");
        }

        if (!Enum.IsDefined(options.Language))
        {
            errors.Add($"{section}:Language '{options.Language}' is not supported: use English or Spanish, or a custom PromptTemplate.");
        }

        errors.AddRange(Resilience.ResilienceOptionsValidator.Validate(section, options.Resilience));
        errors.AddRange(Analytics.AnalyticsOptions.Validate(section, options.Analytics));
        errors.AddRange(Tools.ToolsOptions.Validate(section, options.Tools));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
