namespace DigitalTwin.AspNetCore;

/// <summary>
/// Settings of the endpoints mapped by <c>MapDigitalTwin</c>: the section <c>DigitalTwin:Web</c>, then the original
/// twin's <c>CORS_ORIGINS</c> variable (replacing the section's origins), then the delegate given to <c>MapDigitalTwin</c>. Checked when the endpoints are mapped.
/// </summary>
public sealed class DigitalTwinEndpointOptions
{
    /// <summary>
    /// Origins allowed to call the API from a browser, exactly (scheme, host and port, no path or trailing slash), for
    /// example <c>https://www.example.com</c>; <c>*</c> allows any origin (not with credentials). Default none: same origin only.
    /// <c>CORS_ORIGINS</c> takes them comma-separated.
    /// </summary>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>Whether browsers may send cookies or HTTP authentication cross-origin. Default <see langword="false"/>.</summary>
    public bool CorsAllowCredentials { get; set; }

    /// <summary>The largest request body accepted, in bytes; larger requests get 413. Default 64 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>Whether <c>GET /conversation/{session_id}</c> is mapped. Default <see langword="true"/> (the chat page uses it to show history after a reload).</summary>
    public bool EnableConversationEndpoint { get; set; } = true;

    /// <summary>The header that selects a twin when the route does not (as API Gateway forwards a tenant). Default <c>X-Tenant-ID</c>.</summary>
    public string TenantHeader { get; set; } = "X-Tenant-ID";

    /// <summary>
    /// Request limits per client IP address and per session (<c>DigitalTwin:Web:RateLimit</c>). Default off; recommended for
    /// public sites, since every message is a paid model call.
    /// </summary>
    public DigitalTwinRateLimitOptions RateLimit { get; } = new();

    /// <summary>
    /// API keys accepted by the chat and conversation endpoints (<c>DigitalTwin:Web:ApiKeys</c>), sent in
    /// <see cref="ApiKeyHeader"/>. Default none: no key needed. Each key must have at least 16 characters.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>The header that carries an API key when <see cref="ApiKeys"/> are set. Default <c>X-API-Key</c>.</summary>
    public string ApiKeyHeader { get; set; } = "X-API-Key";

    /// <summary>
    /// The language of problem details and of the chat page's texts (<c>DigitalTwin:Web:Language</c>: <c>English</c> or
    /// <c>Spanish</c>). Default <see langword="null"/>: each twin's own <see cref="DigitalTwinOptions.Language"/>.
    /// </summary>
    public Persona.PromptLanguage? Language { get; set; }
}
