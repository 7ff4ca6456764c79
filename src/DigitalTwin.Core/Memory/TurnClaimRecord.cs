using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// What the stores keep of a claim — its owner token and expiry — and the helpers they share: the claim's name (the
/// SHA-256 of the turn id, so a client's id never appears in a path or key) and its JSON body
/// <c>{"owner":"…","expires":epoch milliseconds}</c>.
/// </summary>
internal readonly record struct TurnClaimRecord(string Owner, DateTimeOffset ExpiresAt)
{
    /// <summary>A new owner token, unique to one claim.</summary>
    public static string NewOwner() => Guid.NewGuid().ToString("N");

    /// <summary>The claim's storage name: the SHA-256 of the turn id in lowercase hex.</summary>
    public static string NameOf(string turnId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(turnId)));

    /// <summary>Checks a claim request's arguments.</summary>
    public static void Validate(string turnId, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(turnId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
    }

    /// <summary>Whether the claim still holds at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;

    /// <summary>The claim this record stands for.</summary>
    public TurnClaim ToClaim(ConversationKey key, string turnId, bool tookOver) => new(key, turnId, Owner, ExpiresAt) { TookOver = tookOver };

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream(96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("owner", Owner);
            json.WriteNumber("expires", ExpiresAt.ToUnixTimeMilliseconds());
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The record in <paramref name="json"/>, or <see langword="null"/> when it is empty or unreadable (a write torn by a crash).</summary>
    public static TurnClaimRecord? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            string? owner = null;
            long? expires = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "owner" && reader.TokenType == JsonTokenType.String)
                {
                    owner = reader.GetString();
                }
                else if (name == "expires" && reader.TokenType == JsonTokenType.Number)
                {
                    expires = reader.GetInt64();
                }
                else
                {
                    reader.Skip();
                }
            }

            return owner is { Length: > 0 } && expires is { } ms ? new TurnClaimRecord(owner, DateTimeOffset.FromUnixTimeMilliseconds(ms)) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
