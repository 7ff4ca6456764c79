using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

// The host sets the process-wide _X_AMZN_TRACE_ID per invocation: in-process hosts do not run side by side.
[Collection(InProcessLambdaHost.Collection)]
public sealed class LambdaStreamingTests
{
    [Fact]
    public async Task FunctionUrlWithStreaming_PostsPreludeDelimiterAndEachFlushedWrite()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/sse", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/event-stream";
            c.Response.Cookies.Append("seen", "1");
            for (var i = 0; i < 3; i++)
            {
                await c.Response.WriteAsync($"data: {i}\n\n");
                await c.Response.Body.FlushAsync();
                await Task.Delay(250);
            }
        }), streaming: true);
        var result = await host.Runtime.InvokeAsync(LambdaEvents.FunctionUrl("GET", "/sse"));
        Assert.True(result.IsStreamed);
        Assert.Equal("chunked", result.Headers["Transfer-Encoding"]);
        Assert.Equal("application/vnd.awslambda.http-integration-response", result.Headers["Content-Type"]);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/event-stream", result.Prelude.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("seen=1; path=/", result.Prelude.GetProperty("cookies")[0].GetString());
        Assert.Equal("data: 0\n\ndata: 1\n\ndata: 2\n\n", result.BodyText);
        Assert.True(result.Chunks[^1].At - result.Chunks[0].At > TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task ApiGatewayEventWithStreamingOn_IsStillBuffered()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/x", () => "buffered"), streaming: true);
        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("GET", "/x"));
        Assert.False(result.IsStreamed);
        Assert.Equal("buffered", result.BodyText);
    }

    [Fact]
    public async Task FailureAfterTheStart_IsReportedInTrailers()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/fail", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync("data: first\n\n");
            await c.Response.Body.FlushAsync();
            throw new InvalidOperationException("secret detail");
        }), streaming: true);
        var result = await host.Runtime.InvokeAsync(LambdaEvents.FunctionUrl("GET", "/fail"));
        Assert.True(result.IsStreamed);
        Assert.Equal("Runtime.StreamError", result.Trailers["Lambda-Runtime-Function-Error-Type"]);
        using var error = JsonDocument.Parse(Convert.FromBase64String(result.Trailers["Lambda-Runtime-Function-Error-Body"]));
        Assert.Equal("Runtime.StreamError", error.RootElement.GetProperty("errorType").GetString());
        Assert.DoesNotContain("secret detail", error.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("data: first\n\n", result.BodyText);
    }

    [Fact]
    public async Task FailureBeforeTheStart_Streams500WithoutTrailersOrStaleHeaders()
    {
        await using var host = await InProcessLambdaHost.StartAsync(app => app.MapGet("/early", (HttpContext c) =>
        {
            c.Response.Headers["X-Stale"] = "1";
            throw new InvalidOperationException("early");
        }), streaming: true);
        var result = await host.Runtime.InvokeAsync(LambdaEvents.FunctionUrl("GET", "/early"));
        Assert.Equal(500, result.StatusCode);
        Assert.Empty(result.Trailers);
        Assert.Null(result.Header("X-Stale"));
        Assert.Equal(string.Empty, result.BodyText);
        Assert.Contains("\"statusCode\":500", Encoding.UTF8.GetString(result.Body), StringComparison.Ordinal);
    }
}
