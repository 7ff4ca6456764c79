using System.Globalization;
using System.Text.Json;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory;

/// <summary>
/// Reads the original Python twin's conversation format: one JSON array of <c>{"role", "content", "timestamp"}</c>
/// messages per session (timestamps from <c>datetime.now().isoformat()</c>, read as UTC when they carry no offset).
/// Each user message followed by an assistant message becomes one turn; unpaired messages are left out.
/// </summary>
internal static class LegacyConversation
{
    /// <summary>The turns, oldest first; <see langword="null"/> when the bytes are not such an array.</summary>
    public static IReadOnlyList<ConversationTurn>? TryParse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var turns = new List<ConversationTurn>();
            ConversationMessage? pendingUser = null;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var message = ReadMessage(element);
                if (message?.Role == ConversationRole.User)
                {
                    pendingUser = message;
                }
                else if (message?.Role == ConversationRole.Assistant && pendingUser is not null)
                {
                    turns.Add(new ConversationTurn($"legacy-{turns.Count:D6}", pendingUser, message));
                    pendingUser = null;
                }
            }

            return turns;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConversationMessage? ReadMessage(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        ConversationRole? kind = role.GetString() switch
        {
            "user" => ConversationRole.User,
            "assistant" => ConversationRole.Assistant,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var timestamp = DateTimeOffset.UnixEpoch;
        if (element.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            timestamp = parsed;
        }

        return new ConversationMessage(kind.Value, content.GetString()!, timestamp);
    }
}
