using System.Globalization;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Providers;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// The ProblemDetails answers of the DigitalTwin endpoints, in the request's twin's language (<see cref="ProblemTexts"/>).
/// Details are DigitalTwin's own words; exception text never reaches a client.
/// </summary>
internal static class TwinProblems
{
    public static IResult BadRequest(HttpContext context, string detail) => Problem(StatusCodes.Status400BadRequest, ProblemTexts.For(context).InvalidRequest, detail);

    public static IResult UnsupportedMediaType(HttpContext context)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status415UnsupportedMediaType, t.UnsupportedType, t.UnsupportedTypeDetail);
    }

    public static IResult TooLarge(HttpContext context, long limit)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status413PayloadTooLarge, t.TooLarge, ProblemTexts.Format(t.TooLargeDetail, limit));
    }

    public static IResult UnknownTwin(HttpContext context, string name)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status404NotFound, t.UnknownTwin, ProblemTexts.Format(t.UnknownTwinDetail, name));
    }

    public static IResult UnreadableBody() => Problem(StatusCodes.Status400BadRequest, "The request body could not be read.", "The body's framing is malformed (for example a bad chunked encoding). Send the JSON body again, with a Content-Length or valid chunks.");

    public static IResult BodyTimedOut() => Problem(StatusCodes.Status408RequestTimeout, "The request body arrived too slowly.", "The body stalled before it was complete. Send it again.");

    public static IResult TooManyRequests(HttpContext context, bool perSession, int seconds)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status429TooManyRequests, t.TooMany, ProblemTexts.Format(perSession ? t.TooManyInConversation : t.TooManyFromAddress, seconds));
    }

    public static IResult Unauthorized(HttpContext context, string header, bool missing)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status401Unauthorized, t.KeyRequired, ProblemTexts.Format(missing ? t.KeyMissing : t.KeyInvalid, header));
    }

    public static IResult AnalyticsNotSupported() => Problem(StatusCodes.Status501NotImplemented, "Analytics are not available.", "This twin's conversation store cannot list turns by time. The error was logged.");

    public static IResult OwnerRecordsNotSupported() => Problem(StatusCodes.Status501NotImplemented, "Owner records are not available.", "This twin's conversation store keeps no leads or unanswered questions. The error was logged.");

    public static IResult AnalyticsUnavailable() => Problem(StatusCodes.Status503ServiceUnavailable, "Conversation memory is unavailable.", "The conversation store could not be read. Try again shortly; the error was logged.");

    public static IResult Unexpected(HttpContext context)
    {
        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status500InternalServerError, t.Unexpected, t.UnexpectedDetail);
    }

    public static IResult From(ChatProviderException ex, HttpContext context)
    {
        if (ex.RetryAfter is { } wait && !context.Response.HasStarted) // a stream's error event comes after the headers
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        // The not-configured message is DigitalTwin's own set-up hint (which setting to add), so it is passed on as written.
        var t = ProblemTexts.For(context);
        return ex.Failure switch
        {
            ChatProviderFailure.NotConfigured => Problem(503, t.NotConfigured, ex.Message),
            ChatProviderFailure.RateLimited => Problem(503, t.Busy, t.BusyDetail),
            ChatProviderFailure.Unavailable => Problem(503, t.Unavailable, t.UnavailableDetail),
            ChatProviderFailure.Timeout => Problem(504, t.Timeout, t.TimeoutDetail),
            _ => Problem(502, t.ProviderFailed, t.ProviderFailedDetail),
        };
    }

    public static IResult From(ConversationStoreException ex, HttpContext context)
    {
        var t = ProblemTexts.For(context);
        return ex.Failure == ConversationStoreFailure.TurnTooLarge
            ? Problem(413, t.TurnTooLarge, t.TurnTooLargeDetail)
            : Problem(503, t.MemoryUnavailable, t.MemoryUnavailableDetail);
    }

    public static IResult From(TurnInProgressException ex, HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var t = ProblemTexts.For(context);
        return Problem(StatusCodes.Status409Conflict, t.InProgress, t.InProgressDetail);
    }

    public static IResult KeyReused() => Problem(
        StatusCodes.Status422UnprocessableEntity,
        "The Idempotency-Key was already used for a different request.",
        "This Idempotency-Key was already used with a different message, conversation or twin; nothing was answered. Send a new key with a new request.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
