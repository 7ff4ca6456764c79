using DigitalTwin.Configuration;
using Microsoft.Extensions.Configuration;

namespace DigitalTwin.Providers.OpenAI;

/// <summary>
/// Settings of the OpenAI provider (section <c>DigitalTwin:OpenAI</c>). Works with OpenAI and with OpenAI-compatible
/// servers (Ollama, vLLM, gateways) through <see cref="Endpoint"/>.
/// </summary>
public sealed class OpenAIProviderOptions : ITwinOptions
{
    /// <summary>The API key. Default: the <c>OPENAI_API_KEY</c> variable. Optional when <see cref="Endpoint"/> points at a server that needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model. Default <c>gpt-4o-mini</c> (as the original twin), or the <c>OPENAI_MODEL</c> variable.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// The API's base address, for OpenAI-compatible servers (for example <c>http://localhost:11434/v1</c> for Ollama).
    /// Default: the <c>OPENAI_BASE_URL</c> variable (as the official OpenAI SDKs read it), else OpenAI's.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>An OpenAI organization id, sent as <c>OpenAI-Organization</c>. Default none.</summary>
    public string? Organization { get; set; }

    /// <summary>
    /// How many times the OpenAI SDK itself retries a throttled (429) or failed (5xx, network) call, honouring
    /// <c>Retry-After</c>, inside each attempt of the twin's resilience pipeline (<c>DigitalTwin:Resilience</c>, which
    /// retries twice by default). Default 0, so retries do not multiply.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>How long one HTTP attempt may take. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Sampling temperature sent with each request; <see langword="null"/> leaves the model's default. Default <see langword="null"/>.</summary>
    public float? Temperature { get; set; }

    /// <summary>The most tokens an answer may have; <see langword="null"/> leaves the model's default. Default <see langword="null"/>.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Whether the original twin's <c>OPENAI_API_KEY</c> or <c>OPENAI_BASE_URL</c> is set.</summary>
    internal static bool IsConfigured(IConfiguration? configuration) =>
        TwinConfiguration.Setting(configuration, "OPENAI_API_KEY") is not null || TwinConfiguration.Setting(configuration, "OPENAI_BASE_URL") is not null;

    internal static void FromEnvironment(OpenAIProviderOptions options, Func<string, string?> setting)
    {
        options.ApiKey = setting("OPENAI_API_KEY") ?? options.ApiKey;
        options.Model = setting("OPENAI_MODEL") ?? options.Model;
        if (setting("OPENAI_BASE_URL") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            options.Endpoint = endpoint;
        }
    }

    static string? ITwinOptions.Section => "OpenAI";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(Model), $"Model is empty: set it (or OPENAI_MODEL), for example gpt-4o-mini.");
        errors.Check(Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")), $"Endpoint '{Endpoint}' must be an absolute http or https address (OPENAI_BASE_URL), for example http://localhost:11434/v1.");
        errors.Check(MaxRetries is < 0 or > 10, $"MaxRetries is {MaxRetries}: use 0 to 10 (default 0; the twin's resilience pipeline retries too).");
        errors.Check(Timeout <= TimeSpan.Zero, $"Timeout is {Timeout}: use a positive time span such as 00:01:40.");
    }
}
