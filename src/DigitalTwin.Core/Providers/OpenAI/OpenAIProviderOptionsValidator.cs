using Microsoft.Extensions.Options;

namespace DigitalTwin.Providers.OpenAI;

internal sealed class OpenAIProviderOptionsValidator : IValidateOptions<OpenAIProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIProviderOptions options)
    {
        var section = Configuration.TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":OpenAI";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add($"{section}:Model is empty: set it (or OPENAI_MODEL), for example gpt-4o-mini.");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"{section}:Endpoint '{endpoint}' must be an absolute http or https address (OPENAI_BASE_URL), for example http://localhost:11434/v1.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{section}:MaxRetries is {options.MaxRetries}: use 0 to 10 (default 0; the twin's resilience pipeline retries too).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout is {options.Timeout}: use a positive time span such as 00:01:40.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
