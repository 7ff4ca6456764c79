using System.Diagnostics;
using DigitalTwin.AspNetCore.Tests.Endpoints;

namespace DigitalTwin.AspNetCore.Tests.Samples;

/// <summary>The Kestrel sample as a user runs it: its own process, real HTTP.</summary>
public sealed class KestrelSampleTests : IDisposable
{
    private readonly TempDirectory _memory = new();

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task WithoutProvider_StartsAnswersHealthAndChatIs503SayingWhatToSet()
    {
        await using var sample = await SampleProcess.StartAsync(new Dictionary<string, string?> { ["MEMORY_DIR"] = _memory.Path });

        var response = await sample.Client.PostAsJsonAsync("/chat", new { message = "Hello" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("OPENAI_API_KEY", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_memory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WithAnOpenAICompatibleServer_ChatsAndRemembersInFiles()
    {
        await using var fake = await FakeOpenAIAsync();
        await using var sample = await SampleProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-test",
            ["OPENAI_BASE_URL"] = fake.BaseAddress + "v1",
            ["MEMORY_DIR"] = _memory.Path,
        });

        var first = await (await sample.Client.PostAsJsonAsync("/chat", new { message = "Who are you?" })).Content.ReadFromJsonAsync<JsonElement>();
        var session = first.GetProperty("session_id").GetString();
        await sample.Client.PostAsJsonAsync("/chat", new { message = "And your role?", session_id = session });
        var conversation = await sample.Client.GetFromJsonAsync<JsonElement>($"/conversation/{session}");

        Assert.Equal("I'm Maya, a cloud architect.", first.GetProperty("response").GetString());
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_memory.Path, "default"), "*.jsonl")); // the session
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_memory.Path, "default", "_index"), "*.jsonl")); // the turn journal (a file per UTC day)
        Assert.Contains("Maya Lindqvist", fake.Requests[^1].Body, StringComparison.Ordinal);
    }

    /// <summary>Runs natively too (.ci/native-aot.sh): the built-in tools' schemas, argument parsing and records need no reflection.</summary>
    [Fact]
    public async Task WithLeadCaptureOn_TheModelsToolCallStoresTheLead_OnChatAndStream_AndTheVisibleAnswerIsKept()
    {
        await using var model = await ToolCallingOpenAI.StartAsync();
        model.Call("record_user_details", """{"email":"grace@example.com","name":"Grace","notes":"compilers"}""").Answer("Thanks Grace, Maya will write to you.")
            .Call("record_unknown_question", """{"question":"Does Maya speak Finnish?"}""").Answer("I don't know, I noted your question.");
        await using var sample = await SampleProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-test",
            ["OPENAI_BASE_URL"] = model.Endpoint.ToString(),
            ["MEMORY_DIR"] = _memory.Path,
            ["DigitalTwin__Tools__LeadCapture"] = "true",
        });

        var chat = await (await sample.Client.PostAsJsonAsync("/chat", new { message = "Please get in touch with me" })).Content.ReadFromJsonAsync<JsonElement>();
        var session = chat.GetProperty("session_id").GetString();
        var stream = await (await sample.Client.PostAsJsonAsync("/chat/stream", new { message = "Does she speak Finnish?", session_id = session })).Content.ReadAsStringAsync();
        var conversation = await sample.Client.GetFromJsonAsync<JsonElement>($"/conversation/{session}");

        Assert.Equal("Thanks Grace, Maya will write to you.", chat.GetProperty("response").GetString());
        Assert.Contains("event: done", stream, StringComparison.Ordinal);
        Assert.Equal(
            ["Please get in touch with me", "Thanks Grace, Maya will write to you.", "Does she speak Finnish?", "I don't know, I noted your question."],
            conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        var requests = model.Requests;
        Assert.Contains("record_user_details", requests[0]["tools"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.StartsWith("Recorded", requests[1]["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(_memory.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.Contains(files, f => f.Contains("grace@example.com", StringComparison.Ordinal)); // the lead (the visitor never typed it)
        Assert.Contains(files, f => f.Contains("Does Maya speak Finnish?", StringComparison.Ordinal)); // the unanswered question
    }

    [Fact]
    public async Task WithOtelExporterOtlpEndpoint_ExportsTheTwinsGenAiSpansOverOtlp()
    {
        await using var fake = await FakeOpenAIAsync();
        await using var collector = await LoopbackServer.StartAsync();
        await using var sample = await SampleProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-test",
            ["OPENAI_BASE_URL"] = fake.BaseAddress + "v1",
            ["MEMORY_DIR"] = _memory.Path,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        (await sample.Client.PostAsJsonAsync("/chat", new { message = "Who are you?" })).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !Traces(collector).Any(b => b.Contains("gen_ai.operation.name", StringComparison.Ordinal)))
        {
            await Task.Delay(100);
        }

        var traces = Traces(collector);
        Assert.Contains(traces, b => b.Contains("gen_ai.operation.name", StringComparison.Ordinal) && b.Contains("chat gpt-4o-mini", StringComparison.Ordinal));
    }

    private static List<string> Traces(LoopbackServer collector)
    {
        lock (collector.Requests)
        {
            return collector.Requests.Where(r => r.Path == "/v1/traces").Select(r => r.Body).ToList();
        }
    }

    [Fact]
    public async Task TwoProcessesSharingTheMemoryFolder_EightWritersOnOneSession_KeepAll400TurnsInEachWritersOrder()
    {
        await using var fake = await FakeOpenAIAsync();
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test", ["OPENAI_BASE_URL"] = fake.BaseAddress + "v1", ["MEMORY_DIR"] = _memory.Path };
        await using var first = await SampleProcess.StartAsync(env);
        await using var second = await SampleProcess.StartAsync(env);
        const string session = "shared-session-0001";

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var client = writer % 2 == 0 ? first.Client : second.Client;
            for (var i = 0; i < 50; i++)
            {
                var response = await client.PostAsJsonAsync("/chat", new { message = $"w{writer}-{i}", session_id = session });
                response.EnsureSuccessStatusCode();
            }
        })));

        var messages = (await first.Client.GetFromJsonAsync<JsonElement>($"/conversation/{session}")).GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.Equal(400, messages.Count);
        for (var writer = 0; writer < 8; writer++)
        {
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"w{writer}-{i}"), messages.Where(m => m.StartsWith($"w{writer}-", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task KilledWithSigkillDuringLoad_LosesNoAcknowledgedTurnAndEverySessionStillReads()
    {
        await using var fake = await FakeOpenAIAsync();
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test", ["OPENAI_BASE_URL"] = fake.BaseAddress + "v1", ["MEMORY_DIR"] = _memory.Path };
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(string Session, string Message)>();
        await using (var sample = await SampleProcess.StartAsync(env))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var session = $"crash-session-{w % 3}";
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var response = await sample.Client.PostAsJsonAsync("/chat", new { message = $"w{w}-{i}", session_id = session }, stop.Token);
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.Add((session, $"w{w}-{i}"));
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the process died under us: this request was never acknowledged
                    }
                }
            })).ToList();

            while (acknowledged.Count < 150)
            {
                await Task.Delay(20);
            }

            await sample.CrashAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await SampleProcess.StartAsync(env);
        foreach (var session in acknowledged.Select(a => a.Session).Distinct())
        {
            var response = await restarted.Client.GetAsync($"/conversation/{session}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stored = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()).ToHashSet();
            Assert.All(acknowledged.Where(a => a.Session == session), a => Assert.Contains(a.Message, stored));
        }

        // The restarted process keeps appending to the same files.
        Assert.True((await restarted.Client.PostAsJsonAsync("/chat", new { message = "after the crash", session_id = "crash-session-0" })).IsSuccessStatusCode);
    }

    [Fact]
    public async Task PrintPrompt_PrintsTheSystemPromptOfflineAndExits()
    {
        using var process = Process.Start(SampleProcess.StartInfo(new Dictionary<string, string?>(), "--print-prompt"))!;
        var logs = process.StandardError.ReadToEndAsync(); // the logs go here, drained so the process never blocks on them
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await logs;

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("# Your Role", output, StringComparison.Ordinal);
        Assert.Contains("digital twin of Maya Lindqvist", output, StringComparison.Ordinal);
        Assert.StartsWith("For reference, the current date and time is:", output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("info:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal));
    }

    /// <summary>An OpenAI-compatible server on loopback that always gives the same answer.</summary>
    private static async Task<LoopbackServer> FakeOpenAIAsync()
    {
        var server = await LoopbackServer.StartAsync();
        server.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"c","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"I'm Maya, a cloud architect."},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":8,"total_tokens":908}}""");
        };
        return server;
    }
}
