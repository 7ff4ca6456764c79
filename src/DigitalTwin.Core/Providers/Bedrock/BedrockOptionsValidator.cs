using Microsoft.Extensions.Options;

namespace DigitalTwin.Providers.Bedrock;

internal sealed class BedrockOptionsValidator : IValidateOptions<BedrockOptions>
{
    public ValidateOptionsResult Validate(string? name, BedrockOptions options)
    {
        var section = Configuration.TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":Bedrock";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelId))
        {
            failures.Add($"{section}:ModelId is empty: set it (or BEDROCK_MODEL_ID) to a model or inference-profile id such as {BedrockOptions.DefaultModelId}, or an ARN.");
        }

        if (options.MaxTokens <= 0)
        {
            failures.Add($"{section}:MaxTokens is {options.MaxTokens}: use a positive number such as 2000.");
        }

        if (options.Temperature is < 0 or > 1 || float.IsNaN(options.Temperature))
        {
            failures.Add($"{section}:Temperature is {options.Temperature}: use a value from 0 to 1 (default 0.7).");
        }

        if (options.TopP is < 0 or > 1 || float.IsNaN(options.TopP))
        {
            failures.Add($"{section}:TopP is {options.TopP}: use a value from 0 to 1 (default 0.9).");
        }

        if (string.IsNullOrWhiteSpace(options.GuardrailIdentifier) != string.IsNullOrWhiteSpace(options.GuardrailVersion))
        {
            failures.Add($"{section}:GuardrailIdentifier and {section}:GuardrailVersion go together: set both (for example a guardrail id and version 1 or DRAFT) or neither.");
        }

        if (options.GuardrailTrace is { } trace && trace is not ("enabled" or "disabled" or "enabled_full"))
        {
            failures.Add($"{section}:GuardrailTrace is '{trace}': use enabled, disabled or enabled_full.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ReadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:ConnectTimeout and {section}:ReadTimeout must be positive (BEDROCK_CONNECT_TIMEOUT / BEDROCK_READ_TIMEOUT are in seconds).");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")))
        {
            failures.Add($"{section}:Endpoint '{endpoint}' is not an absolute http(s) address such as https://bedrock-runtime.us-east-1.amazonaws.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
