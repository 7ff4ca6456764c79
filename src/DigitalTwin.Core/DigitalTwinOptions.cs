using System.Globalization;
using DigitalTwin.Analytics;
using DigitalTwin.Configuration;
using DigitalTwin.Persona;
using DigitalTwin.Resilience;
using DigitalTwin.Tools;

namespace DigitalTwin;

/// <summary>
/// Settings of one twin. Bound from the configuration section <c>DigitalTwin</c> (named twins: <c>DigitalTwin:Twins:{name}</c>),
/// then changed by the delegate given to <c>AddDigitalTwin</c>. Validated when the host starts.
/// </summary>
public sealed class DigitalTwinOptions : ITwinOptions
{
    /// <summary>
    /// The model provider chosen in configuration: <see cref="TwinProviderKind.OpenAI"/> or <see cref="TwinProviderKind.Bedrock"/>,
    /// set up from their sections (<c>DigitalTwin:OpenAI</c>, <c>DigitalTwin:Bedrock</c>) and the original twin's variables.
    /// Default <see cref="TwinProviderKind.None"/>: the code's choice (<c>UseOpenAI()</c>…), else OpenAI when <c>OPENAI_API_KEY</c>
    /// or <c>OPENAI_BASE_URL</c> is set. Choosing in both configuration and code stops the start.
    /// </summary>
    public TwinProviderKind Provider { get; set; }

    /// <summary>
    /// The conversation store chosen in configuration: <see cref="TwinStoreKind.File"/>, <see cref="TwinStoreKind.InMemory"/>,
    /// <see cref="TwinStoreKind.S3"/> or <see cref="TwinStoreKind.DynamoDB"/>, set up from its section. Default
    /// <see cref="TwinStoreKind.None"/>: the code's choice (<c>UseS3Store()</c>…), else the file store (S3 when the original's
    /// <c>USE_S3</c> is <c>true</c>). Choosing in both configuration and code stops the start.
    /// </summary>
    public TwinStoreKind Store { get; set; }

    /// <summary>The persona folder (facts.json, summary.txt, style.txt, linkedin.pdf, notes). Default <c>persona</c>, relative to the working directory.</summary>
    public string PersonaDirectory { get; set; } = "persona";

    /// <summary>The built-in prompt template's language. Default <see cref="PromptLanguage.English"/>.</summary>
    public PromptLanguage Language { get; set; } = PromptLanguage.English;

    /// <summary>
    /// A custom prompt template with <c>{{placeholders}}</c> (see docs/persona.md); replaces the built-in template when set.
    /// Default <see langword="null"/>.
    /// </summary>
    public string? PromptTemplate { get; set; }

    /// <summary>How many of the newest stored messages are sent to the model with each turn. Default 10 (as the original twin). 0 sends none.</summary>
    public int MaxHistoryMessages { get; set; } = 10;

    /// <summary>
    /// An optional budget of estimated tokens for the history window (about 4 UTF-8 bytes per token); older messages are
    /// dropped first. Default <see langword="null"/> (count only).
    /// </summary>
    public int? MaxHistoryTokens { get; set; }

    /// <summary>The longest visitor message accepted, in characters. Default 4,000.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>
    /// Whether message text is recorded on telemetry spans (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>).
    /// Default <see langword="false"/>: visitors' words stay out of traces unless you opt in.
    /// </summary>
    public bool RecordMessageContent { get; set; }

    /// <summary>
    /// How many of a session's newest turns are searched for a repeated turn id (<c>Idempotency-Key</c>). Default 50.
    /// </summary>
    public int IdempotencyLookbackTurns { get; set; } = 50;

    /// <summary>
    /// The secret that keys the session of a first message sent with an <c>Idempotency-Key</c> but no session id (an
    /// HMAC-SHA256 of the key, so nobody can compute a session from a key). At least 32 characters; hosts sharing a store
    /// must share it, so a retry landing on another host finds the same session. Default <see langword="null"/>: a random
    /// secret per process, so such a retry is recognised only by the process that answered it (see docs/reliability.md).
    /// </summary>
    public string? IdempotencyKeySecret { get; set; }

    /// <summary>
    /// How long an <c>Idempotency-Key</c> stays bound to the request that first used it (its twin, session and message): within
    /// this time the same key with any other request answers 422, across every twin and host sharing the store. Default 24 hours,
    /// as in the IETF Idempotency-Key draft's examples; 1 minute to 30 days.
    /// </summary>
    public TimeSpan IdempotencyKeyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a host's claim on an idempotent turn lasts, and how long a repeat waits for it. Default (null):
    /// <see cref="ResilienceOptions.TotalTimeout"/> + 30 seconds. Internal: tests shorten it.
    /// </summary>
    internal TimeSpan? IdempotencyClaimLease { get; set; }

    /// <summary>How often a repeat waiting for another host's turn looks for it. Default 250 ms. Internal: tests shorten it.</summary>
    internal TimeSpan IdempotencyPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeouts, retries and circuit breaker around the model calls (section <c>DigitalTwin:Resilience</c>).</summary>
    public ResilienceOptions Resilience { get; } = new();

    /// <summary>The price table and currency of conversation analytics (section <c>DigitalTwin:Analytics</c>).</summary>
    public AnalyticsOptions Analytics { get; } = new();

    /// <summary>The model's tools: built-in lead capture, tool-call and record limits (section <c>DigitalTwin:Tools</c>, see docs/tools.md).</summary>
    public ToolsOptions Tools { get; } = new();

    /// <summary>The original customer-service backend's retry variables drive the default twin's resilience pipeline.</summary>
    internal static void FromEnvironment(DigitalTwinOptions options, Func<string, string?> setting)
    {
        if (int.TryParse(setting("BEDROCK_MAX_RETRIES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries))
        {
            options.Resilience.MaxRetries = retries;
        }

        if (Providers.Bedrock.BedrockOptions.Seconds(setting("BEDROCK_RETRY_DELAY")) is { } delay)
        {
            options.Resilience.BaseDelay = delay;
        }
    }

    static string? ITwinOptions.Section => null;

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(PersonaDirectory), $"PersonaDirectory is empty: set it to the folder that holds facts.json.");
        errors.Check(
            !string.IsNullOrWhiteSpace(PersonaDirectory) && !Directory.Exists(PersonaDirectory),
            $"PersonaDirectory '{Path.GetFullPath(PersonaDirectory!)}' does not exist: create it with a facts.json, or point the setting at your persona folder.");
        errors.Check(MaxHistoryMessages < 0, $"MaxHistoryMessages is {MaxHistoryMessages}: use 0 or more (default 10).");
        errors.Check(MaxHistoryTokens is <= 0, $"MaxHistoryTokens is {MaxHistoryTokens}: use a positive number, or leave it unset for no token budget.");
        errors.Check(MaxMessageLength is < 1 or > 100_000, $"MaxMessageLength is {MaxMessageLength}: use 1 to 100000 characters (default 4000).");
        errors.Check(IdempotencyLookbackTurns is < 1 or > 1000, $"IdempotencyLookbackTurns is {IdempotencyLookbackTurns}: use 1 to 1000 (default 50).");
        errors.Check(IdempotencyKeyRetention < TimeSpan.FromMinutes(1) || IdempotencyKeyRetention > TimeSpan.FromDays(30), $"IdempotencyKeyRetention is {IdempotencyKeyRetention}: use 00:01:00 to 30.00:00:00 (default 1.00:00:00, a day).");
        errors.Check(IdempotencyKeySecret is { Length: < 32 }, $"IdempotencyKeySecret has {IdempotencyKeySecret?.Length} characters: use at least 32 random ones (for example `openssl rand -base64 48`), or leave it unset.");
        errors.Check(!Enum.IsDefined(Language), $"Language '{Language}' is not supported: use English or Spanish, or a custom PromptTemplate.");

        Resilience.Validate(errors);
        Analytics.Validate(errors);
        Tools.Validate(errors);
    }
}
