using System.Globalization;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Providers;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// The ProblemDetails answers of the DigitalTwin endpoints. Details are DigitalTwin's own words; exception text never
/// reaches a client.
/// </summary>
internal static class TwinProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", detail);

    public static IResult UnsupportedMediaType() => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.", "Send the body as JSON with Content-Type: application/json.");

    public static IResult TooLarge(long limit) => Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The largest body accepted is {limit} bytes.");

    public static IResult UnreadableBody() => Problem(StatusCodes.Status400BadRequest, "The request body could not be read.", "The body's framing is malformed (for example a bad chunked encoding). Send the JSON body again, with a Content-Length or valid chunks.");

    public static IResult BodyTimedOut() => Problem(StatusCodes.Status408RequestTimeout, "The request body arrived too slowly.", "The body stalled before it was complete. Send it again.");

    public static IResult UnknownTwin(string name) => Problem(StatusCodes.Status404NotFound, "Unknown twin.", $"This host serves no twin named '{name}'.");

    public static IResult TooManyRequests(string detail) => Problem(StatusCodes.Status429TooManyRequests, "Too many requests.", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "An API key is required.", detail);

    public static IResult AnalyticsNotSupported() => Problem(StatusCodes.Status501NotImplemented, "Analytics are not available.", "This twin's conversation store cannot list turns by time. The error was logged.");

    public static IResult AnalyticsUnavailable() => Problem(StatusCodes.Status503ServiceUnavailable, "Conversation memory is unavailable.", "The conversation store could not be read. Try again shortly; the error was logged.");

    public static IResult Unexpected() => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The error was logged. Nothing was stored for this request.");

    public static IResult From(ChatProviderException ex, HttpContext context)
    {
        if (ex.RetryAfter is { } wait && !context.Response.HasStarted) // a stream's error event comes after the headers
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ex.Failure switch
        {
            ChatProviderFailure.NotConfigured => Problem(503, "The model provider is not configured.", ex.Message),
            ChatProviderFailure.RateLimited => Problem(503, "The model is busy.", "The model provider is throttling requests. Try again shortly; nothing was stored."),
            ChatProviderFailure.Unavailable => Problem(503, "The model is unavailable.", "The model provider could not answer. Try again shortly; nothing was stored."),
            ChatProviderFailure.Timeout => Problem(504, "The model took too long.", "The model provider did not answer in time. Try again; nothing was stored."),
            _ => Problem(502, "The model provider failed.", "The model provider could not handle the request. Nothing was stored."),
        };
    }

    public static IResult From(ConversationStoreException ex) => ex.Failure == ConversationStoreFailure.TurnTooLarge
        ? Problem(413, "The conversation turn is too large.", "The message and answer together exceed what the conversation store can keep in one turn. Send a shorter message.")
        : Problem(503, "Conversation memory is unavailable.", "The conversation store could not be reached. Try again shortly; nothing was stored.");

    public static IResult From(TurnInProgressException ex, HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Problem(StatusCodes.Status409Conflict, "The request is still being answered.", "A request with this Idempotency-Key is still being answered; retry shortly to get its answer.");
    }

    public static IResult KeyReused() => Problem(
        StatusCodes.Status422UnprocessableEntity,
        "The Idempotency-Key was already used for a different request.",
        "This Idempotency-Key was already used in this conversation with a different message; nothing was answered. Send a new key with a new message.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
