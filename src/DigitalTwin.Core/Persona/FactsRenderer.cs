using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Persona;

/// <summary>Renders facts.json as a readable bulleted list, every field in file order (unknown fields included).</summary>
internal static class FactsRenderer
{
    private static readonly Dictionary<string, string> SpanishLabels = new(StringComparer.Ordinal)
    {
        ["full_name"] = "Nombre completo",
        ["name"] = "Nombre",
        ["current_role"] = "Puesto actual",
        ["location"] = "Ubicación",
        ["email"] = "Correo electrónico",
        ["linkedin"] = "LinkedIn",
        ["specialties"] = "Especialidades",
        ["years_experience"] = "Años de experiencia",
        ["education"] = "Formación",
    };

    /// <summary>Renders the facts; with <see cref="PromptLanguage.Spanish"/> the known top-level fields get Spanish labels.</summary>
    public static string Render(JsonObject facts, PromptLanguage language = PromptLanguage.English)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in facts)
        {
            var label = language == PromptLanguage.Spanish && SpanishLabels.TryGetValue(key, out var es) ? es : Label(key);
            AppendField(sb, 0, label, value, labelled: true);
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendField(StringBuilder sb, int depth, string key, JsonNode? value, bool labelled = false)
    {
        sb.Append(' ', depth * 2).Append("- ").Append(labelled ? key : Label(key)).Append(':');
        switch (value)
        {
            case JsonObject obj:
                sb.Append('\n');
                foreach (var (k, v) in obj)
                {
                    AppendField(sb, depth + 1, k, v);
                }

                break;
            case JsonArray array when array.All(i => i is JsonValue or null):
                sb.Append(' ').AppendJoin(", ", array.Select(Scalar)).Append('\n');
                break;
            case JsonArray array:
                sb.Append('\n');
                foreach (var item in array)
                {
                    AppendItem(sb, depth + 1, item);
                }

                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void AppendItem(StringBuilder sb, int depth, JsonNode? item)
    {
        if (item is JsonObject obj)
        {
            var parts = obj.Select(p => p.Value is JsonValue or null ? $"{Label(p.Key)}: {Scalar(p.Value)}" : $"{Label(p.Key)}: {p.Value!.ToJsonString()}");
            sb.Append(' ', depth * 2).Append("- ").AppendJoin("; ", parts).Append('\n');
        }
        else
        {
            sb.Append(' ', depth * 2).Append("- ").Append(item is JsonArray ? item.ToJsonString() : Scalar(item)).Append('\n');
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "(none)",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "yes",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "no",
        _ => node.ToJsonString(),
    };

    /// <summary>"years_experience" → "Years experience"; "currentRole" stays readable as "CurrentRole" → "Current role".</summary>
    internal static string Label(string key)
    {
        var sb = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '_' or '-')
            {
                sb.Append(' ');
            }
            else if (char.IsUpper(c) && i > 0 && char.IsLower(key[i - 1]))
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return sb.ToString().Replace("Linkedin", "LinkedIn", StringComparison.Ordinal);
    }
}
