using System.Security.Cryptography;
using System.Text;
using DigitalTwin.Memory;

namespace DigitalTwin.Conversations;

/// <summary>
/// Binds an <c>Idempotency-Key</c> to the request that first used it — its twin, session and message — for
/// <see cref="DigitalTwinOptions.IdempotencyKeyRetention"/>, across every twin and host sharing the store, so the same key with a
/// different request is refused (<see cref="IdempotencyKeyReusedException"/>, 422) instead of starting or continuing another
/// conversation. The binding is a claim in the store's own claims (<see cref="IOwnedTurnClaims"/>) whose owner is the request's
/// fingerprint: the first request wins it, the same request is granted it again, any other is refused. Claims are named by an
/// HMAC of the key with the host's secret, spread over 256 partitions; the store never sees a key or a message.
/// Stores without owner-aware claims (custom ones) skip the check: keys then stay scoped to their conversation.
/// </summary>
internal sealed class IdempotencyKeyRegistry(IOwnedTurnClaims claims, byte[] secret, TimeSpan retention)
{
    /// <summary>The pseudo-twin whose claims hold key bindings; its storage name (<c>_00keys</c>) no real twin's name maps to in practice.</summary>
    private const string KeysTwin = "\0keys";

    /// <summary>Records that <paramref name="turnId"/> belongs to this request, or throws when another request holds it.</summary>
    public async ValueTask EnsureBoundAsync(ConversationKey key, string turnId, string message, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("idempotency-key\n" + turnId)));
        var partition = new ConversationKey(KeysTwin, SessionId.Parse("idem-keys-" + name[..2]));
        var claim = await claims.TryClaimAsync(partition, name, Fingerprint(key, message), retention, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            throw new IdempotencyKeyReusedException("The turn id was already used for a different request (another message, conversation or twin).");
        }
    }

    /// <summary>The request's fingerprint: a hash of its twin, session and message (32 hex characters).</summary>
    private static string Fingerprint(ConversationKey key, string message) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"{key.TwinStorageName}\n{key.SessionId.Value}\n{message}")).AsSpan(0, 16));
}
