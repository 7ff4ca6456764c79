using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Structural JSON comparison: same fields (in any order), same array order, numbers compared by value.</summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(string expectedJson, string actualJson)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expectedJson), JsonNode.Parse(actualJson), "$", differences);
        Assert.True(differences.Count == 0, $"JSON differs:\n{string.Join('\n', differences)}\nexpected: {expectedJson}\nactual:   {actualJson}");
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: only in {(e.ContainsKey(name) ? "expected" : "actual")}");
                        continue;
                    }

                    Compare(e[name], a[name], $"{path}.{name}", differences);
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items expected, {a.Count} actual");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                if (decimal.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) != decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture))
                {
                    differences.Add($"{path}: {e.ToJsonString()} expected, {a.ToJsonString()} actual");
                }

                return;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: {expected?.ToJsonString()} expected, {actual?.ToJsonString()} actual");
                }

                return;
        }
    }
}
