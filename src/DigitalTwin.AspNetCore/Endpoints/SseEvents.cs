using System.Net.ServerSentEvents;
using System.Text.Json;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>The JSON payloads of the <c>/chat/stream</c> events: <c>session</c>, <c>delta</c>, <c>done</c> and <c>error</c>.</summary>
internal static class SseEvents
{
    public static SseItem<string> ToEvent(TwinStreamUpdate update) => update.Kind switch
    {
        TwinStreamUpdateKind.Session => new(JsonSerializer.Serialize(new SessionEventPayload(update.SessionId.Value), ContractsJsonContext.Default.SessionEventPayload), "session"),
        TwinStreamUpdateKind.Delta => new(JsonSerializer.Serialize(new DeltaEventPayload(update.Text), ContractsJsonContext.Default.DeltaEventPayload), "delta"),
        _ => new(JsonSerializer.Serialize(
            new DoneEventPayload(
                update.SessionId.Value,
                update.TurnId,
                update.FinishReason?.Value,
                update.Usage is null ? null : new UsagePayload(update.Usage.InputTokenCount, update.Usage.OutputTokenCount, update.Usage.TotalTokenCount)),
            ContractsJsonContext.Default.DoneEventPayload), "done"),
    };

    public static SseItem<string> Error(IResult problem)
    {
        var details = (problem as ProblemHttpResult)?.ProblemDetails;
        return new(JsonSerializer.Serialize(new ErrorEventPayload(details?.Status ?? 500, details?.Title, details?.Detail), ContractsJsonContext.Default.ErrorEventPayload), "error");
    }
}
