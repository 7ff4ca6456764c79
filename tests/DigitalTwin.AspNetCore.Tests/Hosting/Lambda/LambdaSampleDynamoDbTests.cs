using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>
/// The Lambda sample with the stack's <c>MemoryStore=DynamoDB</c> settings, against dynalite: a conversation written by one
/// sample process is read by a second one with an empty file-store folder, so it was kept in DynamoDB.
/// </summary>
public sealed class LambdaSampleDynamoDbTests
{
    private static readonly Dictionary<string, string> Json = new() { ["content-type"] = "application/json" };

    [Fact]
    public async Task StoreDynamoDb_ConversationOutlivesTheProcessWithoutFiles()
    {
        await using var dynalite = await NodeServer.StartDynaliteAsync();
        await using var openAI = await FakeOpenAI.StartAsync();
        var table = "twin" + Guid.NewGuid().ToString("N");
        Dictionary<string, string?> Environment() => new()
        {
            ["OPENAI_BASE_URL"] = openAI.BaseUrl,
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = Path.Combine(Path.GetTempPath(), "dt-lambda-ddb-" + Guid.NewGuid().ToString("N")),
            ["DigitalTwin__Store"] = "DynamoDB",
            ["DYNAMODB_TABLE"] = table,
            ["DigitalTwin__DynamoDbStore__ServiceUrl"] = dynalite.Url,
            ["DigitalTwin__DynamoDbStore__Region"] = "us-east-1",
            ["DigitalTwin__DynamoDbStore__CreateTableIfMissing"] = "true",
            ["DigitalTwin__DynamoDbStore__Retention"] = "30.00:00:00",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_REGION"] = "us-east-1",
        };

        string session;
        await using (var runtime = await FakeRuntimeApi.StartAsync())
        await using (var first = SampleProcess.StartLambda(runtime.Address, Environment()))
        {
            var chat = await runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Remember me"}""", headers: Json));
            Assert.True(chat.StatusCode == 200, chat.BodyText + "\n" + first.Output);
            using var answer = JsonDocument.Parse(chat.BodyText);
            session = answer.RootElement.GetProperty("session_id").GetString()!;
        }

        await using var secondRuntime = await FakeRuntimeApi.StartAsync();
        await using var second = SampleProcess.StartLambda(secondRuntime.Address, Environment());
        var history = await secondRuntime.InvokeAsync(LambdaEvents.HttpV2("GET", "/conversation/" + session));
        Assert.True(history.StatusCode == 200, history.BodyText + "\n" + second.Output);
        Assert.Contains("Remember me", history.BodyText, StringComparison.Ordinal);
    }
}
