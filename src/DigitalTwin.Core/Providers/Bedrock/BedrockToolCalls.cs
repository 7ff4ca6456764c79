using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Providers.Bedrock;

/// <summary>Maps Converse <c>toolUse</c> blocks (whole, or streamed as input fragments) to <see cref="FunctionCallContent"/>.</summary>
internal static class BedrockToolCalls
{
    /// <summary>A whole <c>toolUse</c> block of a Converse answer: <c>{toolUseId, name, input}</c>.</summary>
    public static FunctionCallContent FromBlock(JsonElement toolUse) => Create(
        toolUse.TryGetProperty("toolUseId", out var id) ? id.GetString() : null,
        toolUse.TryGetProperty("name", out var name) ? name.GetString() : null,
        toolUse.TryGetProperty("input", out var input) ? input.GetRawText() : string.Empty);

    /// <summary>
    /// A call from its id, name and input JSON text. Input that is not a JSON object is not thrown: the call carries the
    /// parse error in <see cref="FunctionCallContent.Exception"/>, which function invocation reports back to the model.
    /// </summary>
    public static FunctionCallContent Create(string? callId, string? name, string input)
    {
        if (string.IsNullOrEmpty(callId) || string.IsNullOrEmpty(name))
        {
            throw new JsonException("A toolUse block has no toolUseId or name.");
        }

        return FunctionCallContent.CreateFromParsedArguments(input, callId, name, ParseArguments);
    }

    /// <summary>The input object's properties as JsonElements (no input at all is no arguments).</summary>
    private static Dictionary<string, object?>? ParseArguments(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return [];
        }

        using var document = JsonDocument.Parse(input);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A tool's input must be a JSON object, not {document.RootElement.ValueKind}.");
        }

        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }
}
