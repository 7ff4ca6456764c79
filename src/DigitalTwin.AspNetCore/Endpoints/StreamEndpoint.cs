using System.Net.ServerSentEvents;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /chat/stream</c>: server-sent events <c>session</c>, <c>delta</c>… and <c>done</c> (or <c>error</c>). Failures
/// before the first piece of text are ordinary problem responses; later ones are an <c>error</c> event. The turn is stored
/// only when the model finished: a stream cut by the client or by an error stores nothing.
/// </summary>
internal static class StreamEndpoint
{
    public static async Task<IResult> StreamAsync(HttpContext context, TwinEndpointContext endpoint)
    {
        var (twin, request, problem) = await endpoint.ReadChatAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Start the stream before answering, so a failure up to the first text (no provider, store down) is a plain problem response.
        var updates = twin!.ChatStreamingAsync(request!, context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        var first = new List<TwinStreamUpdate>(2);
        try
        {
            while (first.Count < 2 && await updates.MoveNextAsync().ConfigureAwait(false))
            {
                first.Add(updates.Current);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            return Results.Empty;
        }
        catch (Exception ex)
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            return endpoint.Fail(ex, context);
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(Events(first, updates, endpoint, context));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        List<TwinStreamUpdate> first, IAsyncEnumerator<TwinStreamUpdate> updates, TwinEndpointContext endpoint, HttpContext context)
    {
        await using var _ = updates.ConfigureAwait(false);
        foreach (var update in first)
        {
            yield return SseEvents.ToEvent(update);
        }

        if (first.Count < 2 || first[^1].Kind == TwinStreamUpdateKind.Completed)
        {
            yield break;
        }

        while (true)
        {
            SseItem<string>? next;
            try
            {
                next = await updates.MoveNextAsync().ConfigureAwait(false) ? SseEvents.ToEvent(updates.Current) : null;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception ex)
            {
                next = SseEvents.Error(endpoint.Fail(ex, context));
            }

            if (next is not { } item)
            {
                yield break;
            }

            yield return item;
            if (item.EventType == "error")
            {
                yield break;
            }
        }
    }
}
