using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>The request handlers of the original twin's contract: chat, conversation and service info.</summary>
internal static class ChatEndpoints
{
    public static async Task<IResult> ChatAsync(HttpContext context, TwinEndpointContext endpoint)
    {
        var (twin, request, problem) = await endpoint.ReadChatAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var reply = await twin!.ChatAsync(request!, context.RequestAborted).ConfigureAwait(false);
            if (reply.IsReplay)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return TypedResults.Json(new ChatResponse(reply.Response, reply.SessionId.Value), ContractsJsonContext.Default.ChatResponse);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            return endpoint.Fail(ex, context);
        }
    }

    public static async Task<IResult> ConversationAsync(HttpContext context, TwinEndpointContext endpoint, string sessionId)
    {
        var (twin, unknown) = endpoint.Resolver.Resolve(context);
        if (twin is null)
        {
            return unknown!;
        }

        if (!SessionId.TryParse(sessionId, out var session))
        {
            return TwinProblems.BadRequest(context, ProblemTexts.Format(ProblemTexts.For(context).InvalidSessionRoute, SessionId.MinLength, SessionId.MaxLength));
        }

        try
        {
            var messages = await twin.GetConversationAsync(session, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(
                new ConversationResponse(
                    session.Value,
                    messages.Select(m => new ConversationMessageResponse(m.Role == ConversationRole.User ? "user" : "assistant", m.Content, m.Timestamp)).ToList()),
                ContractsJsonContext.Default.ConversationResponse);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            return endpoint.Fail(ex, context);
        }
    }

    public static IResult Info(IDigitalTwinCatalog catalog) =>
        TypedResults.Json(new ServiceInfoResponse("AI Digital Twin API", catalog.Names), ContractsJsonContext.Default.ServiceInfoResponse);
}
