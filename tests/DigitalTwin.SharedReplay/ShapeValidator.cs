using System.Text.RegularExpressions;

namespace DigitalTwin.SharedReplay;

/// <summary>
/// Checks a JSON body against a shape of the Bedrock Runtime API model (bedrock-runtime.service-2.json): members, required
/// members, unions (exactly one member), lists, maps, enums, string lengths and patterns, number ranges; documents are free.
/// </summary>
internal sealed class ShapeValidator(JsonElement shapes)
{
    public static async Task<ShapeValidator> LoadAsync(string root)
    {
        using var model = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "bedrock-runtime.service-2.json")));
        return new ShapeValidator(model.RootElement.GetProperty("shapes").Clone());
    }

    /// <summary>The problems found, as JSON paths with what is wrong (empty when the body fits the shape).</summary>
    public List<string> Validate(JsonElement value, string shapeName, params string[] ignoredMembers)
    {
        var problems = new List<string>();
        Check(value, shapeName, "$", problems, ignoredMembers);
        return problems;
    }

    private void Check(JsonElement value, string shapeName, string path, List<string> problems, string[]? ignored = null)
    {
        var shape = shapes.GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        if (shape.TryGetProperty("document", out var document) && document.GetBoolean())
        {
            return;
        }

        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: {shapeName} must be an object");
                    return;
                }

                var members = shape.GetProperty("members");
                var present = value.EnumerateObject().Select(p => p.Name).ToList();
                foreach (var name in present.Where(n => !members.TryGetProperty(n, out _)))
                {
                    problems.Add($"{path}.{name}: not a member of {shapeName}");
                }

                if (shape.TryGetProperty("required", out var required))
                {
                    problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!)
                        .Where(r => !present.Contains(r) && !(ignored ?? []).Contains(r)).Select(r => $"{path}.{r}: required by {shapeName}"));
                }

                if (shape.TryGetProperty("union", out var union) && union.GetBoolean() && present.Count != 1)
                {
                    problems.Add($"{path}: the union {shapeName} must set exactly one member, not {present.Count}");
                }

                foreach (var property in value.EnumerateObject().Where(p => members.TryGetProperty(p.Name, out _)))
                {
                    Check(property.Value, members.GetProperty(property.Name).GetProperty("shape").GetString()!, $"{path}.{property.Name}", problems);
                }

                return;
            case "list":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{path}: {shapeName} must be an array");
                    return;
                }

                Length(shape, value.GetArrayLength(), shapeName, path, problems);
                var item = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    Check(element, item, $"{path}[{index++}]", problems);
                }

                return;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{path}: {shapeName} must be a string");
                    return;
                }

                var text = value.GetString()!;
                Length(shape, text.Length, shapeName, path, problems);
                if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    problems.Add($"{path}: '{text}' is not a {shapeName} value");
                }

                if (shape.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, $"^(?:{pattern.GetString()})$"))
                {
                    problems.Add($"{path}: '{text}' does not match {shapeName}'s pattern {pattern.GetString()}");
                }

                return;
            case "integer" or "long" or "float" or "double":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{path}: {shapeName} must be a number");
                    return;
                }

                var number = value.GetDouble();
                if ((shape.TryGetProperty("min", out var min) && number < min.GetDouble()) || (shape.TryGetProperty("max", out var max) && number > max.GetDouble()))
                {
                    problems.Add($"{path}: {number} is outside {shapeName}'s range");
                }

                return;
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                problems.Add($"{path}: {shapeName} must be a boolean");
                return;
            default:
                return;
        }
    }

    private static void Length(JsonElement shape, int length, string shapeName, string path, List<string> problems)
    {
        if ((shape.TryGetProperty("min", out var min) && length < min.GetInt32()) || (shape.TryGetProperty("max", out var max) && length > max.GetInt32()))
        {
            problems.Add($"{path}: length {length} is outside {shapeName}'s limits");
        }
    }
}
