using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DigitalTwin.Conversations;

/// <summary>
/// A visitor's conversation id: 8 to 64 characters of ASCII letters, digits, '-' and '_', starting with a letter or digit.
/// Ids are generated on the server (<see cref="New"/>) and validated on input; stores never use one raw in a path or key.
/// </summary>
public readonly record struct SessionId
{
    /// <summary>The fewest characters an id may have.</summary>
    public const int MinLength = 8;

    /// <summary>The most characters an id may have.</summary>
    public const int MaxLength = 64;

    private readonly string? _value;

    private SessionId(string value) => _value = value;

    /// <summary>The id as text.</summary>
    public string Value => _value ?? throw new InvalidOperationException("The session id is default(SessionId); use SessionId.New() or SessionId.Parse().");

    /// <summary>A new random id: a UUID in its 36-character form, like the original twin's ids.</summary>
    public static SessionId New() => new(Guid.NewGuid().ToString("D"));

    /// <summary>Whether <paramref name="value"/> is a valid id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length is < MinLength or > MaxLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses <paramref name="value"/>, returning <see langword="false"/> when it is not a valid id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out SessionId sessionId)
    {
        sessionId = IsValid(value) ? new SessionId(value) : default;
        return sessionId._value is not null;
    }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="FormatException"/> saying what a valid id looks like.</summary>
    public static SessionId Parse(string value) => TryParse(value, out var id)
        ? id
        : throw new FormatException($"A session id has {MinLength} to {MaxLength} characters: ASCII letters, digits, '-' or '_', starting with a letter or digit.");

    /// <summary>
    /// The session of a first message sent with an idempotency key but no session id: <c>k-</c> and 32 hex characters of the
    /// HMAC-SHA256, keyed with <paramref name="secret"/>, of the twin's name and the key. Stable for a given secret, so a
    /// retry finds the same session; not computable from the key without the secret.
    /// </summary>
    internal static SessionId FromIdempotencyKey(string twin, string key, byte[] secret)
    {
        var hash = HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes(twin + "\n" + key));
        return new SessionId("k-" + Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }

    /// <summary>
    /// A stable name for storage derived from the id (lowercase hex of its SHA-256, first 32 characters), so no caller-chosen
    /// text reaches a file path or object key.
    /// </summary>
    public string StorageName => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Value)).AsSpan(0, 16));

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
