using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>
/// The real Lambda sample, started as its own process with AWS_LAMBDA_RUNTIME_API pointing at a loopback fake Runtime API,
/// served a sequence of invocations in the three event shapes. Tests of this class run in order on one process.
/// </summary>
[TestCaseOrderer("DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support.ByNameOrderer", "DigitalTwin.AspNetCore.Tests")]
public sealed class LambdaSampleEndToEndTests(LambdaSampleFixture fixture) : IClassFixture<LambdaSampleFixture>
{
    private static readonly Dictionary<string, string> Json = new() { ["content-type"] = "application/json" };

    [Fact]
    public async Task T1_ChatOverHttpApiV2_ThenConversationOverRestV1_SameSession()
    {
        var chat = await Invoke(LambdaEvents.HttpV2("POST", "/chat", """{"message":"Hi, who are you?"}""", headers: Json));
        Assert.Equal("response", chat.Kind);
        Assert.Equal(200, chat.StatusCode);
        using var answer = JsonDocument.Parse(chat.BodyText);
        Assert.Equal("Hello from the twin.", answer.RootElement.GetProperty("response").GetString());
        var session = answer.RootElement.GetProperty("session_id").GetString()!;

        var history = await Invoke(LambdaEvents.RestV1("GET", "/conversation/" + session, stage: "prod"));
        Assert.Equal(200, history.StatusCode);
        Assert.Contains("Hi, who are you?", history.BodyText, StringComparison.Ordinal);
        Assert.Contains("Hello from the twin.", history.BodyText, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, history.Json.GetProperty("multiValueHeaders").GetProperty("Content-Type").ValueKind);
    }

    [Fact]
    public async Task T2_ChatStreamOverFunctionUrl_IsStreamedPieceByPiece()
    {
        var result = await Invoke(LambdaEvents.FunctionUrl("POST", "/chat/stream", """{"message":"Tell me about you"}""", headers: Json));
        Assert.True(result.IsStreamed, "The answer was not posted in streaming mode.");
        Assert.Equal("chunked", result.Headers["Transfer-Encoding"]);
        Assert.Equal("application/vnd.awslambda.http-integration-response", result.Headers["Content-Type"]);
        Assert.Equal(200, result.StatusCode);
        Assert.StartsWith("text/event-stream", result.Prelude.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        Assert.Contains("event: delta", result.BodyText, StringComparison.Ordinal);
        Assert.Contains("event: done", result.BodyText, StringComparison.Ordinal);
        Assert.Empty(result.Trailers);

        // The fake model pauses 400 ms between pieces: a streamed answer arrives over that time, not in one piece at the end.
        Assert.True(result.Chunks.Count >= 3, $"Only {result.Chunks.Count} chunks arrived.");
        Assert.True(result.Chunks[^1].At - result.Chunks[0].At > TimeSpan.FromMilliseconds(600), "The chunks arrived together: the answer was buffered.");
    }

    [Fact]
    public async Task T3_HealthOverFunctionUrlAndV2_AnswerOk()
    {
        var streamed = await Invoke(LambdaEvents.FunctionUrl("GET", "/health"));
        Assert.True(streamed.IsStreamed);
        Assert.Equal(200, streamed.StatusCode);
        Assert.Contains("healthy", streamed.BodyText, StringComparison.OrdinalIgnoreCase);

        var buffered = await Invoke(LambdaEvents.HttpV2("GET", "/health"));
        Assert.False(buffered.IsStreamed);
        Assert.Equal(200, buffered.StatusCode);
    }

    [Fact]
    public async Task T4_BadInputAndUnknownRoute_AnswerProblemAnd404()
    {
        var empty = await Invoke(LambdaEvents.RestV1("POST", "/chat", """{"message":""}"""));
        Assert.Equal(400, empty.StatusCode);
        Assert.Contains("problem+json", empty.Header("Content-Type"), StringComparison.Ordinal);

        var notJson = await Invoke(LambdaEvents.HttpV2("POST", "/chat", "{not json", headers: Json));
        Assert.Equal(400, notJson.StatusCode);

        var unknown = await Invoke(LambdaEvents.HttpV2("GET", "/no/such/route"));
        Assert.Equal(404, unknown.StatusCode);

        var notAnHttpEvent = await fixture.Runtime.InvokeAsync("""{"Records":[{"eventSource":"aws:s3"}]}""");
        Assert.Equal("error", notAnHttpEvent.Kind);
    }

    [Fact]
    public async Task T5_DeadlineAlreadyPassed_ReportsAnErrorNotAnAnswer()
    {
        var result = await fixture.Runtime.InvokeAsync(
            LambdaEvents.HttpV2("POST", "/chat", """{"message":"Too late"}""", headers: Json), deadlineIn: TimeSpan.FromSeconds(-1));
        Assert.Equal("error", result.Kind);
        Assert.Equal("Runtime.DeadlineExceeded", result.Headers["Lambda-Runtime-Function-Error-Type"]);

        // The process keeps serving after a missed deadline.
        var health = await Invoke(LambdaEvents.HttpV2("GET", "/health"));
        Assert.Equal(200, health.StatusCode);
    }

    [Fact]
    public async Task T6_ChatPageAndOpenApiDocument_AreServedThroughLambda()
    {
        var page = await Invoke(LambdaEvents.HttpV2("GET", "/chat-ui/"));
        Assert.Equal(200, page.StatusCode);
        Assert.StartsWith("text/html", page.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(page.Json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Contains("<html", page.BodyText, StringComparison.OrdinalIgnoreCase);

        var openApi = await Invoke(LambdaEvents.RestV1("GET", "/openapi/v1.json", stage: "prod"));
        Assert.Equal(200, openApi.StatusCode);
        Assert.Contains("/chat/stream", openApi.BodyText, StringComparison.Ordinal);
    }

    private async Task<RuntimeResult> Invoke(string evt)
    {
        try
        {
            return await fixture.Runtime.InvokeAsync(evt);
        }
        catch (TimeoutException)
        {
            Assert.Fail("The sample did not answer. Its output:\n" + fixture.Sample.Output);
            throw;
        }
    }
}
