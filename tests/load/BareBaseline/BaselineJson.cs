using System.Text.Json;
using System.Text.Json.Serialization;

namespace BareBaseline;

/// <summary>The visitor's message, and the session to continue (omitted for a new visitor).</summary>
internal sealed record BaselineRequest(string? Message, [property: JsonPropertyName("session_id")] string? SessionId);

/// <summary>The answer, in the twin's wire shape.</summary>
internal sealed record BaselineResponse(string Response, [property: JsonPropertyName("session_id")] string SessionId);

/// <summary>One stored turn: one JSON line.</summary>
internal sealed record StoredTurn(string User, string Assistant, DateTimeOffset At);

/// <summary>The Chat Completions request: the model and the messages.</summary>
internal sealed record ModelRequest(string Model, IReadOnlyList<ModelMessage> Messages);

/// <summary>One chat message.</summary>
internal sealed record ModelMessage(string Role, string Content);

/// <summary>The part of the Chat Completions answer the baseline reads.</summary>
internal sealed record ModelResponse(IReadOnlyList<ModelChoice> Choices);

/// <summary>One choice of the answer.</summary>
internal sealed record ModelChoice(ModelMessage Message);

/// <summary>Source-generated JSON for everything the baseline reads and writes (web defaults: camelCase, case-insensitive).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BaselineRequest))]
[JsonSerializable(typeof(BaselineResponse))]
[JsonSerializable(typeof(StoredTurn))]
[JsonSerializable(typeof(ModelRequest))]
[JsonSerializable(typeof(ModelResponse))]
internal sealed partial class BaselineJson : JsonSerializerContext;
