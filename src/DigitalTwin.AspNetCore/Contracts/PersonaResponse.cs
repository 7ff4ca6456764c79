using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The answer of <c>GET /persona</c>: who the twin is, for a chat page's header.</summary>
/// <param name="Name">The name the person goes by.</param>
/// <param name="FullName">The person's full name.</param>
/// <param name="Language">The language of the twin's texts: <c>en</c> or <c>es</c>.</param>
/// <param name="Photo">The photo's address relative to this endpoint (<c>persona/photo</c>), or <see langword="null"/> when the persona folder has none.</param>
public sealed record PersonaResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("full_name")] string FullName,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("photo")] string? Photo);
