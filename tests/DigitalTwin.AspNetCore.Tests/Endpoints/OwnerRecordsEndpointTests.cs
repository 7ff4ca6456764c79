using DigitalTwin.AspNetCore.Tests.Web;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Authentication;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary><c>GET /owner/records</c> over real HTTP: the owner's leads and questions, behind the same authorization and period rules as analytics.</summary>
public sealed class OwnerRecordsEndpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dt-owner-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<WebTestHost> StartAsync(Action<IDigitalTwinBuilder>? store = null) => WebTestHost.StartAsync(
        services: services =>
        {
            var twin = services.AddDigitalTwin().UseChatClient(new FakeChatClient());
            (store ?? (b => b.UseFileStore(o => o.Directory = _folder)))(twin);
            HeaderAuthentication.AddWithAdminsPolicy(services);
        },
        map: app =>
        {
            app.MapDigitalTwin();
            app.MapDigitalTwinAnalytics(configure: o => o.AuthorizationPolicy = HeaderAuthentication.AdminsPolicy);
            app.MapDigitalTwinOwnerRecords(configure: o => o.AuthorizationPolicy = HeaderAuthentication.AdminsPolicy);
        });

    private static HttpRequestMessage Get(string path, string? user = "ada", string? role = "admin") => HeaderAuthentication.Get(path, user, role);

    private static OwnerRecord Record(OwnerRecordKind kind, DateTimeOffset at, string? email = null, string? question = null)
    {
        var conversation = new ConversationKey(DigitalTwinDefaults.TwinName, SessionId.New());
        return new OwnerRecord
        {
            Id = OwnerRecord.IdFor(conversation, "t1", kind),
            Conversation = conversation,
            TurnId = "t1",
            Kind = kind,
            CreatedAt = at,
            Email = email,
            Name = email is null ? null : "Ana",
            Question = question,
        };
    }

    [Fact]
    public async Task Admin_GetsThePeriodsLeadsAndQuestionsOldestFirst_AndAnalyticsCountsThem()
    {
        await using var host = await StartAsync();
        var records = host.Services.GetRequiredKeyedService<IConversationStore>(DigitalTwinDefaults.TwinName).GetService<IOwnerRecords>()!; // the twin's store
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        await records.TryAddAsync(Record(OwnerRecordKind.UnansweredQuestion, day.AddHours(9), question: "Do you speak Go?"));
        await records.TryAddAsync(Record(OwnerRecordKind.Lead, day.AddHours(8), email: "ana@example.com"));
        await records.TryAddAsync(Record(OwnerRecordKind.UnansweredQuestion, day.AddHours(10), question: "Which city?"));
        await records.TryAddAsync(Record(OwnerRecordKind.Lead, day.AddDays(-1), email: "outside@example.com"));

        using var response = await host.Client.SendAsync(Get("owner/records?from=2026-03-02&to=2026-03-08"));
        using var analytics = await host.Client.SendAsync(Get("analytics?from=2026-03-02&to=2026-03-08"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 2), (body.GetProperty("leads").GetInt32(), body.GetProperty("unanswered_questions").GetInt32()));
        var listed = body.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["lead", "unanswered_question", "unanswered_question"], listed.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal("ana@example.com", listed[0].GetProperty("email").GetString());
        Assert.Equal("Do you speak Go?", listed[1].GetProperty("question").GetString());
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("notified_at").ValueKind);
        var report = await analytics.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 2), (report.GetProperty("leads").GetInt32(), report.GetProperty("unanswered_questions").GetInt32()));
        Assert.Equal(["Do you speak Go?", "Which city?"], report.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
    }

    [Fact]
    public async Task Anonymous_Is401_AndAUserOutsideThePolicy_Is403()
    {
        await using var host = await StartAsync();

        await HeaderAuthentication.AssertAdminsOnlyAsync(host.Client, "owner/records");
    }

    [Theory]
    [InlineData("owner/records?from=yesterday", 400)]
    [InlineData("owner/records?from=2026-11-02&to=2026-11-01", 400)]
    [InlineData("owner/records?from=2024-01-01&to=2026-01-01", 400)]
    [InlineData("owner/records?to=0001-01-01", 400)]
    [InlineData("owner/records?twin=nobody", 404)]
    public async Task BadQueries_AreProblemDetails(string path, int status)
    {
        await using var host = await StartAsync();

        await HeaderAuthentication.AssertProblemAsync(host.Client, path, status);
    }

    [Fact]
    public async Task StoreWithoutOwnerRecords_Is501()
    {
        await using var host = await StartAsync(b => b.UseStore(_ => new PlainStore()));

        using var response = await host.Client.SendAsync(Get("owner/records"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoint_ItsAnswerAndItsProblems()
    {
        await using var host = await WebTestHost.StartAsync(
            services: services =>
            {
                services.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
                services.AddAuthentication(HeaderAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
                services.AddAuthorization();
                services.AddOpenApi();
            },
            map: app =>
            {
                app.MapDigitalTwinOwnerRecords();
                app.MapOpenApi();
            });

        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("openapi/v1.json"));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/owner/records").GetProperty("get");
        Assert.Equal("DigitalTwinOwnerRecords", operation.GetProperty("operationId").GetString());
        var responses = operation.GetProperty("responses");
        Assert.EndsWith("/OwnerRecordsResponse", responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.All(new[] { "400", "401", "403", "404", "501", "503" }, status => Assert.True(responses.TryGetProperty(status, out _), status));
    }

    private sealed class PlainStore : IConversationStore
    {
        public ValueTask AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ConversationTurn>>([]);
    }
}
