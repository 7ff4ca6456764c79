using System.Net.ServerSentEvents;
using DigitalTwin.Providers;

namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class StreamingTests
{
    [Fact]
    public async Task Stream_over_real_http_sends_session_then_deltas_then_done_with_usage()
    {
        var chat = new FakeChatClient { Pieces = FakeChatClient.Hello };
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using var response = await host.Client.SendAsync(Sse.Post("chat/stream", new { message = "Hi" }), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await Sse.ReadAllAsync(response);

        Assert.Equal(["session", "delta", "delta", "delta", "done"], events.Select(e => e.Event));
        var session = events[0].Data.GetProperty("session_id").GetString();
        Assert.True(SessionId.IsValid(session));
        Assert.Equal("Hello from the twin.", string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString())));
        var done = events[^1].Data;
        Assert.Equal(session, done.GetProperty("session_id").GetString());
        Assert.Equal("stop", done.GetProperty("finish_reason").GetString());
        Assert.Equal(10, done.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(3, done.GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public async Task Stream_completed_turn_is_stored_and_readable_from_conversation_endpoint()
    {
        var chat = new FakeChatClient();
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using var response = await host.Client.SendAsync(Sse.Post("chat/stream", new { message = "Who are you?" }), HttpCompletionOption.ResponseHeadersRead);
        var session = (await Sse.ReadAllAsync(response))[0].Data.GetProperty("session_id").GetString();

        using var conversation = JsonDocument.Parse(await host.Client.GetStringAsync($"conversation/{session}"));
        var messages = conversation.RootElement.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("Who are you?", messages[0].GetProperty("content").GetString());
        Assert.Equal("Echo: Who are you?", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Client_disconnect_mid_stream_cancels_the_model_call_and_stores_nothing()
    {
        var chat = new FakeChatClient { HangAfterFirstPiece = true };
        await using var host = await WebTestHost.StartAsync(chat: chat);
        string? session;
        using (var client = new HttpClient { BaseAddress = host.BaseAddress })
        {
            var response = await client.SendAsync(Sse.Post("chat/stream", new { message = "Tell me a long story" }), HttpCompletionOption.ResponseHeadersRead);
            var stream = await response.Content.ReadAsStreamAsync();
            var events = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("session", events.Current.EventType);
            session = JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("session_id").GetString();
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("delta", events.Current.EventType);

            // The visitor closes the tab: the connection goes away mid-answer.
            response.Dispose();
        }

        var cancelled = await chat.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(cancelled);
        var twin = host.Services.GetRequiredService<IDigitalTwin>();
        Assert.Empty(await twin.GetConversationAsync(SessionId.Parse(session!)));
    }

    [Fact]
    public async Task Client_gone_before_the_first_text_cancels_the_model_call_and_stores_nothing()
    {
        var chat = new FakeChatClient { HangBeforeFirstPiece = true };
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using (var client = new HttpClient { BaseAddress = host.BaseAddress })
        using (var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.SendAsync(Sse.Post("chat/stream", new { message = "Think hard" }), HttpCompletionOption.ResponseHeadersRead, gone.Token));
        }

        Assert.True(await chat.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(chat.Calls);
    }

    [Fact]
    public async Task Provider_failure_after_first_text_ends_the_stream_with_an_error_event_and_stores_nothing()
    {
        var chat = new FakeChatClient { Throw = new HttpRequestException("upstream reset by secret-host"), ThrowAfterChunks = 1 };
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using var response = await host.Client.SendAsync(Sse.Post("chat/stream", new { message = "Hi" }), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(response);

        Assert.Equal(["session", "delta", "error"], events.Select(e => e.Event));
        var error = events[^1].Data;
        Assert.Equal(503, error.GetProperty("status").GetInt32());
        Assert.Contains("nothing was stored", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-host", error.ToString(), StringComparison.Ordinal);
        var session = SessionId.Parse(events[0].Data.GetProperty("session_id").GetString()!);
        Assert.Empty(await host.Services.GetRequiredService<IDigitalTwin>().GetConversationAsync(session));
    }

    [Fact]
    public async Task Provider_failure_before_first_text_is_a_problem_response_not_a_stream()
    {
        var chat = new FakeChatClient { Throw = new ChatProviderException(ChatProviderFailure.Timeout, "slow") };
        await using var host = await WebTestHost.StartAsync(chat: chat);

        using var response = await host.Client.SendAsync(Sse.Post("chat/stream", new { message = "Hi" }));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("slow", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfigured_provider_stream_is_503_problem_saying_what_to_set()
    {
        await using var host = await WebTestHost.StartAsync(services: s => s.AddDigitalTwin().UseInMemoryStore());

        using var response = await host.Client.SendAsync(Sse.Post("chat/stream", new { message = "Hi" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("OPENAI_API_KEY", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
