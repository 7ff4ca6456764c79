using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Sends one Converse / ConverseStream command with the official JavaScript SDK (tests/tools/bedrock/sdk-converse.mjs).</summary>
internal static class SdkConverse
{
    public const string ModelId = "global.amazon.nova-2-lite-v1:0";

    /// <summary>
    /// Sends <paramref name="input"/> (the command input without modelId) to the fake server and returns what the SDK parsed:
    /// <c>response</c> (Converse) or <c>events</c> (ConverseStream). Fails the test when the SDK reports an error.
    /// </summary>
    public static async Task<JsonElement> RunAsync(FakeBedrockServer server, TestCredentials credentials, bool stream, JsonObject input)
    {
        var creds = new JsonObject { ["accessKeyId"] = credentials.AccessKey, ["secretAccessKey"] = credentials.SecretKey };
        if (credentials.SessionToken is not null)
        {
            creds["sessionToken"] = credentials.SessionToken;
        }

        var scenario = new JsonObject
        {
            ["endpoint"] = server.Endpoint.ToString().TrimEnd('/'),
            ["region"] = FakeBedrockServer.Region,
            ["modelId"] = ModelId,
            ["stream"] = stream,
            ["credentials"] = creds,
            ["input"] = input,
        };
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scenario.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        using var output = JsonDocument.Parse(await NodeTools.RunAsync("bedrock", "sdk-converse.mjs", path));
        var root = output.RootElement.Clone();
        Assert.True(root.GetProperty("ok").GetBoolean(), root.ToString());
        return root;
    }
}
