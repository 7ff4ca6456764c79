using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Providers.Bedrock;

internal sealed class BedrockOptionsValidator : IValidateOptions<BedrockOptions>
{
    public ValidateOptionsResult Validate(string? name, BedrockOptions options)
    {
        var errors = new OptionsErrors(name, "Bedrock");
        errors.Check(string.IsNullOrWhiteSpace(options.ModelId), $"ModelId is empty: set it (or BEDROCK_MODEL_ID) to a model or inference-profile id such as {BedrockOptions.DefaultModelId}, or an ARN.");
        errors.Check(options.MaxTokens <= 0, $"MaxTokens is {options.MaxTokens}: use a positive number such as 2000.");
        errors.Check(options.Temperature is < 0 or > 1 || float.IsNaN(options.Temperature), $"Temperature is {options.Temperature}: use a value from 0 to 1 (default 0.7).");
        errors.Check(options.TopP is < 0 or > 1 || float.IsNaN(options.TopP), $"TopP is {options.TopP}: use a value from 0 to 1 (default 0.9).");
        errors.Check(string.IsNullOrWhiteSpace(options.GuardrailIdentifier) != string.IsNullOrWhiteSpace(options.GuardrailVersion), $"GuardrailIdentifier and {errors.Section}:GuardrailVersion go together: set both (for example a guardrail id and version 1 or DRAFT) or neither.");
        errors.Check(options.GuardrailTrace is { } trace && trace is not ("enabled" or "disabled" or "enabled_full"), $"GuardrailTrace is '{options.GuardrailTrace}': use enabled, disabled or enabled_full.");
        errors.Check(options.ConnectTimeout <= TimeSpan.Zero || options.ReadTimeout <= TimeSpan.Zero, $"ConnectTimeout and {errors.Section}:ReadTimeout must be positive (BEDROCK_CONNECT_TIMEOUT / BEDROCK_READ_TIMEOUT are in seconds).");
        errors.Check(options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")), $"Endpoint '{options.Endpoint}' is not an absolute http(s) address such as https://bedrock-runtime.us-east-1.amazonaws.com.");

        return errors.Result;
    }
}
