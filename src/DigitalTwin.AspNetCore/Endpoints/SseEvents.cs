using System.Net.ServerSentEvents;
using System.Text.Json;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>The JSON payloads of the <c>/chat/stream</c> events: <c>session</c>, <c>delta</c>, <c>done</c> and <c>error</c>.</summary>
internal static class SseEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SseItem<string> ToEvent(TwinStreamUpdate update) => update.Kind switch
    {
        TwinStreamUpdateKind.Session => new(JsonSerializer.Serialize(new { session_id = update.SessionId.Value }, Json), "session"),
        TwinStreamUpdateKind.Delta => new(JsonSerializer.Serialize(new { text = update.Text }, Json), "delta"),
        _ => new(JsonSerializer.Serialize(new
        {
            session_id = update.SessionId.Value,
            turn_id = update.TurnId,
            finish_reason = update.FinishReason?.Value,
            usage = update.Usage is null ? null : new { input_tokens = update.Usage.InputTokenCount, output_tokens = update.Usage.OutputTokenCount, total_tokens = update.Usage.TotalTokenCount },
        }, Json), "done"),
    };

    public static SseItem<string> Error(IResult problem)
    {
        var details = (problem as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)?.ProblemDetails;
        return new(JsonSerializer.Serialize(new { status = details?.Status ?? 500, title = details?.Title, detail = details?.Detail }, Json), "error");
    }
}
