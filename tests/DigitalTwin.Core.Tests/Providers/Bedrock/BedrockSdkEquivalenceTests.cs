using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>
/// The official @aws-sdk/client-bedrock-runtime and our client send the same conversation to the same fake endpoint: the
/// request bodies must be equivalent JSON, both must be validly signed, and both must read the fake's answer the same way.
/// </summary>
public sealed class BedrockSdkEquivalenceTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task SdkAndOurClient_SendEquivalentBodies(bool stream, bool cacheAndGuardrail)
    {
        var credentials = cacheAndGuardrail ? TestCredentials.Session : TestCredentials.Basic;
        await using var server = await FakeBedrockServer.StartAsync(credentials);
        var frames = await Frames.EncodeAsync(Frames.Conversation("Trabajé en ", "Contoso ✓"));
        var answer = stream ? FakeResponse.EventStream(frames, [1, 3, 7]) : FakeResponse.Json(200, BedrockTestClient.ConverseResponse("Trabajé en Contoso ✓"));
        server.Enqueue(answer, answer);
        using var client = BedrockTestClient.Create(server, credentials, o => Configure(o, cacheAndGuardrail));

        var ours = stream
            ? await BedrockTestClient.StreamTextAsync(client)
            : (await client.GetResponseAsync(BedrockTestClient.Conversation())).Text;
        var sdk = await RunSdkAsync(server, credentials, stream, cacheAndGuardrail);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(requests[1].Target, requests[0].Target);
        JsonEquivalence.AssertEquivalent(requests[1].BodyText, requests[0].BodyText);
        server.AssertAllSigned();
        Assert.Equal("Trabajé en Contoso ✓", ours);
        Assert.Equal(ours, sdk);
    }

    private static void Configure(DigitalTwin.Providers.Bedrock.BedrockOptions options, bool cacheAndGuardrail)
    {
        if (cacheAndGuardrail)
        {
            options.EnablePromptCaching = true;
            (options.GuardrailIdentifier, options.GuardrailVersion, options.GuardrailTrace) = ("gr-twin01", "3", "enabled");
        }
    }

    /// <summary>The same conversation and settings as the SDK's command input; returns the answer text the SDK read.</summary>
    private static async Task<string> RunSdkAsync(FakeBedrockServer server, TestCredentials credentials, bool stream, bool cacheAndGuardrail)
    {
        var system = new JsonArray(new JsonObject { ["text"] = BedrockTestClient.Persona });
        if (cacheAndGuardrail)
        {
            system.Add(new JsonObject { ["cachePoint"] = new JsonObject { ["type"] = "default" } });
        }

        var messages = BedrockTestClient.Conversation().Where(m => m.Role != ChatRole.System)
            .Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = new JsonArray(new JsonObject { ["text"] = m.Text }) });
        var input = new JsonObject
        {
            ["system"] = system,
            ["messages"] = new JsonArray(messages.ToArray()),
            ["inferenceConfig"] = new JsonObject { ["maxTokens"] = 2000, ["temperature"] = 0.7, ["topP"] = 0.9 },
        };
        if (cacheAndGuardrail)
        {
            input["guardrailConfig"] = new JsonObject { ["guardrailIdentifier"] = "gr-twin01", ["guardrailVersion"] = "3", ["trace"] = "enabled" };
        }

        var root = await SdkConverse.RunAsync(server, credentials, stream, input);
        return stream
            ? string.Concat(root.GetProperty("events").EnumerateArray()
                .Where(e => e.TryGetProperty("contentBlockDelta", out _))
                .Select(e => e.GetProperty("contentBlockDelta").GetProperty("delta").GetProperty("text").GetString()))
            : string.Concat(root.GetProperty("response").GetProperty("output").GetProperty("message").GetProperty("content").EnumerateArray()
                .Select(b => b.GetProperty("text").GetString()));
    }
}
