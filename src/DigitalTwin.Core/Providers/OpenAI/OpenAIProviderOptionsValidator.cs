using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Providers.OpenAI;

internal sealed class OpenAIProviderOptionsValidator : IValidateOptions<OpenAIProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIProviderOptions options)
    {
        var errors = new OptionsErrors(name, "OpenAI");
        errors.Check(string.IsNullOrWhiteSpace(options.Model), $"Model is empty: set it (or OPENAI_MODEL), for example gpt-4o-mini.");
        errors.Check(options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")), $"Endpoint '{options.Endpoint}' must be an absolute http or https address (OPENAI_BASE_URL), for example http://localhost:11434/v1.");
        errors.Check(options.MaxRetries is < 0 or > 10, $"MaxRetries is {options.MaxRetries}: use 0 to 10 (default 0; the twin's resilience pipeline retries too).");
        errors.Check(options.Timeout <= TimeSpan.Zero, $"Timeout is {options.Timeout}: use a positive time span such as 00:01:40.");

        return errors.Result;
    }
}
