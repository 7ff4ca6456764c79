using DigitalTwin.Configuration;
using System.Globalization;
using Amazon.Runtime;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>
/// Settings of the Amazon Bedrock model provider (section <c>DigitalTwin:Bedrock</c>, or <c>DigitalTwin:Twins:{name}:Bedrock</c>).
/// The environment variables of the original customer-service backend are read as a fallback.
/// </summary>
public sealed class BedrockOptions : ITwinOptions
{
    /// <summary>The default model: the global inference profile of Amazon Nova 2 Lite.</summary>
    public const string DefaultModelId = "global.amazon.nova-2-lite-v1:0";

    /// <summary>
    /// The model id, inference-profile id (such as <c>global.amazon.nova-2-lite-v1:0</c>) or ARN, sent unchanged.
    /// Default <see cref="DefaultModelId"/>, or the <c>BEDROCK_MODEL_ID</c> variable.
    /// </summary>
    public string ModelId { get; set; } = DefaultModelId;

    /// <summary>
    /// The AWS region (for example <c>us-east-1</c>). Default: the <c>DEFAULT_AWS_REGION</c> variable, else the AWS SDK's
    /// region chain (<c>AWS_REGION</c>, the shared config profile, instance metadata).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Sends requests to this base address instead of <c>https://bedrock-runtime.{region}.amazonaws.com</c>
    /// (a VPC interface endpoint, or a local fake in tests). Requests are still signed for <see cref="Region"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Upper bound of generated tokens (<c>inferenceConfig.maxTokens</c>). Default 2000.</summary>
    public int MaxTokens { get; set; } = 2000;

    /// <summary>Sampling temperature, 0 to 1 (<c>inferenceConfig.temperature</c>). Default 0.7.</summary>
    public float Temperature { get; set; } = 0.7f;

    /// <summary>Nucleus sampling mass, 0 to 1 (<c>inferenceConfig.topP</c>). Default 0.9.</summary>
    public float TopP { get; set; } = 0.9f;

    /// <summary>
    /// Whether a <c>cachePoint</c> block follows the persona's system block, so Bedrock can cache the persona prompt
    /// between turns (only on models that support prompt caching). Default <see langword="false"/>.
    /// </summary>
    public bool EnablePromptCaching { get; set; }

    /// <summary>The guardrail id or ARN to apply (<c>guardrailConfig.guardrailIdentifier</c>). Default none.</summary>
    public string? GuardrailIdentifier { get; set; }

    /// <summary>The guardrail version (for example <c>1</c> or <c>DRAFT</c>); required with <see cref="GuardrailIdentifier"/>.</summary>
    public string? GuardrailVersion { get; set; }

    /// <summary>The guardrail trace mode: <c>enabled</c>, <c>disabled</c> or <c>enabled_full</c>. Default none (the service's default).</summary>
    public string? GuardrailTrace { get; set; }

    /// <summary>How long connecting to the endpoint may take. Default 10 seconds, or <c>BEDROCK_CONNECT_TIMEOUT</c> (seconds).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one attempt may wait for the response, and for each piece of a streamed response.
    /// Default 120 seconds, or <c>BEDROCK_READ_TIMEOUT</c> (seconds).
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The credentials to sign with. Default: the AWS SDK's default chain (environment variables including
    /// <c>AWS_SESSION_TOKEN</c>, as set in AWS Lambda; profiles; SSO; container and instance roles), refreshed as they expire.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    internal static void FromEnvironment(BedrockOptions options, Func<string, string?> setting)
    {
        options.ModelId = setting("BEDROCK_MODEL_ID") ?? options.ModelId;
        options.Region = setting("DEFAULT_AWS_REGION") ?? options.Region;
        options.ConnectTimeout = Seconds(setting("BEDROCK_CONNECT_TIMEOUT")) ?? options.ConnectTimeout;
        options.ReadTimeout = Seconds(setting("BEDROCK_READ_TIMEOUT")) ?? options.ReadTimeout;
    }

    internal static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    static string? ITwinOptions.Section => "Bedrock";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(ModelId), $"ModelId is empty: set it (or BEDROCK_MODEL_ID) to a model or inference-profile id such as {BedrockOptions.DefaultModelId}, or an ARN.");
        errors.Check(MaxTokens <= 0, $"MaxTokens is {MaxTokens}: use a positive number such as 2000.");
        errors.Check(Temperature is < 0 or > 1 || float.IsNaN(Temperature), $"Temperature is {Temperature}: use a value from 0 to 1 (default 0.7).");
        errors.Check(TopP is < 0 or > 1 || float.IsNaN(TopP), $"TopP is {TopP}: use a value from 0 to 1 (default 0.9).");
        errors.Check(string.IsNullOrWhiteSpace(GuardrailIdentifier) != string.IsNullOrWhiteSpace(GuardrailVersion), $"GuardrailIdentifier and {errors.Section}:GuardrailVersion go together: set both (for example a guardrail id and version 1 or DRAFT) or neither.");
        errors.Check(GuardrailTrace is { } trace && trace is not ("enabled" or "disabled" or "enabled_full"), $"GuardrailTrace is '{GuardrailTrace}': use enabled, disabled or enabled_full.");
        errors.Check(ConnectTimeout <= TimeSpan.Zero || ReadTimeout <= TimeSpan.Zero, $"ConnectTimeout and {errors.Section}:ReadTimeout must be positive (BEDROCK_CONNECT_TIMEOUT / BEDROCK_READ_TIMEOUT are in seconds).");
        errors.Check(Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")), $"Endpoint '{Endpoint}' is not an absolute http(s) address such as https://bedrock-runtime.us-east-1.amazonaws.com.");
    }
}
