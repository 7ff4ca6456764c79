using DigitalTwin.AspNetCore.Tests.Web;
using DigitalTwin.Owner;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>
/// Lead capture over real HTTP: Kestrel on loopback, the twin's OpenAI provider talking to a loopback OpenAI server that asks
/// for tool calls in JSON and in streamed <c>tool_calls</c> deltas.
/// </summary>
public sealed class LeadCaptureEndpointTests
{
    private const string Lead = """{"email":"grace@example.com","name":"Grace Hopper","notes":"compilers"}""";

    [Fact]
    public async Task Chat_RunsTheToolCall_RecordsTheLead_AndAnswersWithTheVisibleTextOnly()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        openAI.Call("record_user_details", Lead).Answer("Thanks Grace, Maya will write to you.");
        await using var app = await StartAsync(openAI);

        var response = await app.Client.PostAsJsonAsync("chat", new { message = "Reach me at grace@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Thanks Grace, Maya will write to you.", body.GetProperty("response").GetString());
        var record = Assert.Single(await RecordsAsync(app));
        Assert.Equal((OwnerRecordKind.Lead, "grace@example.com", "Grace Hopper"), (record.Kind, record.Email, record.Name));
        var requests = openAI.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["record_user_details", "record_unknown_question"], requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()));
        var toolMessage = requests[1]["messages"]!.AsArray()[^1]!;
        Assert.Equal(("tool", "call_1"), (toolMessage["role"]!.GetValue<string>(), toolMessage["tool_call_id"]!.GetValue<string>()));
        Assert.StartsWith("Recorded", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task ChatStream_RunsAStreamedToolCall_AndTheVisitorsTextKeepsStreamingAfterIt()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        openAI.Call("record_unknown_question", """{"question":"What is Maya's favourite opera?"}""").Answer("I don't know that one, but I noted it for Maya.");
        await using var app = await StartAsync(openAI);

        using var response = await app.Client.SendAsync(Sse.Post("chat/stream", new { message = "Favourite opera?" }), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(response);

        var deltas = events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 3, string.Join("|", deltas));
        Assert.Equal("I don't know that one, but I noted it for Maya.", string.Concat(deltas));
        Assert.Equal("done", events[^1].Event);
        Assert.Equal("What is Maya's favourite opera?", Assert.Single(await RecordsAsync(app)).Question);
        Assert.All(openAI.Requests, r => Assert.True(r["stream"]!.GetValue<bool>()));
        var session = SessionId.Parse(events[0].Data.GetProperty("session_id").GetString()!);
        var turn = Assert.Single(await Store(app).ReadLatestAsync(new ConversationKey("default", session), 5));
        Assert.Equal(string.Concat(deltas), turn.Assistant.Content);
        Assert.Equal("recorded", Assert.Single(turn.Metadata!.ToolCalls!).Outcome);
    }

    [Fact]
    public async Task ClientAddress_ReachesTheTwin_SoRecordsPerClientAreCappedAcrossSessions()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        openAI.Call("record_unknown_question", """{"question":"first?"}""").Answer("Noted.")
            .Call("record_unknown_question", """{"question":"second?"}""").Answer("Sorry, not this time.");
        await using var app = await StartAsync(openAI, maxRecordsPerClient: 1);

        (await app.Client.PostAsJsonAsync("chat", new { message = "q1" })).EnsureSuccessStatusCode();
        (await app.Client.PostAsJsonAsync("chat", new { message = "q2" })).EnsureSuccessStatusCode(); // a new session, same client

        Assert.Equal("first?", Assert.Single(await RecordsAsync(app)).Question);
        Assert.StartsWith("Error: this visitor has left as many records", openAI.Requests[^1]["messages"]!.AsArray()[^1]!["content"]!.ToString());
    }

    [Fact]
    public async Task RepeatedRequestWithTheSameIdempotencyKey_IsReplayed_WithoutCallingTheModelOrRecordingAgain()
    {
        await using var openAI = await ToolCallingOpenAI.StartAsync();
        openAI.Call("record_user_details", Lead).Answer("Thanks Grace.");
        await using var app = await StartAsync(openAI);

        async Task<string> SendAsync()
        {
            using var request = Sse.Post("chat", new { message = "grace@example.com" });
            request.Headers.Add("Idempotency-Key", "lead-turn-0001");
            var response = await app.Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString()!;
        }

        var first = await SendAsync();
        var second = await SendAsync();

        Assert.Equal(("Thanks Grace.", "Thanks Grace."), (first, second));
        Assert.Equal(2, openAI.Requests.Count);
        Assert.Single(await RecordsAsync(app));
    }

    internal static Task<TwinWebApp> StartAsync(ToolCallingOpenAI openAI, int maxRecordsPerClient = 10) =>
        TwinWebApp.StartAsync((twin, _) => twin
            .UseOpenAI(o => (o.Endpoint, o.ApiKey) = (openAI.Endpoint, "sk-test"))
            .UseInMemoryStore()
            .UseLeadCapture(t => t.MaxRecordsPerClient = maxRecordsPerClient));

    private static IConversationStore Store(TwinWebApp app) =>
        (IConversationStore)app.App.Services.GetRequiredService<IDigitalTwin>().GetService(typeof(IConversationStore))!;

    private static async Task<List<OwnerRecord>> RecordsAsync(TwinWebApp app) =>
        await Store(app).GetService<IOwnerRecords>()!.ReadAsync("default", DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync();
}
