using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalTwin.AspNetCore.Contracts;

/// <summary>The body of <c>POST /chat</c>: the visitor's message and, to continue a conversation, its session id.</summary>
/// <param name="Message">
/// What the visitor wrote (1 to <c>MaxMessageLength</c> characters). Declared non-null for the API description; a body
/// without it still deserializes (as <see langword="null"/>) and is answered with 400.
/// </param>
/// <param name="SessionId">The session to continue; omit to start a new one.</param>
/// <param name="TurnId">
/// An idempotency key for this turn (like the <c>Idempotency-Key</c> header): a repeat with the same key returns the stored
/// answer without calling the model again.
/// </param>
public sealed record ChatRequest(
    [property: JsonPropertyName("message"), Required, Description("What the visitor wrote (1 to MaxMessageLength characters, default 4000).")] string Message,
    [property: JsonPropertyName("session_id"), RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$"), Description("The session to continue, as returned by an earlier answer; omit to start a new conversation.")] string? SessionId = null,
    [property: JsonPropertyName("turn_id"), StringLength(128, MinimumLength = 1), Description("Optional idempotency key for this turn (or send the Idempotency-Key header); a repeat returns the stored answer.")] string? TurnId = null);
