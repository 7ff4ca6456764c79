using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Reads a JSON request body at the edge, turning every kind of bad input into a problem result — including a body the
/// server cannot read (malformed chunked framing, a chunk size past 2^31, a body that stalls below Kestrel's minimum data
/// rate): 400, 408 or 413, logged once at Information without a stack trace, so a flood of bad bodies does not flood the
/// error log (it would be an unhandled exception, logged by Kestrel at Error).
/// </summary>
internal static partial class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes, ILogger logger)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, TwinProblems.UnsupportedMediaType(context));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TwinProblems.TooLarge(context, maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(new LimitedReadStream(request.Body, maxBytes), type, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, TwinProblems.BadRequest(context, ProblemTexts.For(context).EmptyBody)) : (value, null);
        }
        catch (JsonException)
        {
            return (null, TwinProblems.BadRequest(context, ProblemTexts.For(context).InvalidJson));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TwinProblems.TooLarge(context, maxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            LogUnreadableBody(logger, ex.StatusCode, ex.Message);
            return (null, ex.StatusCode == StatusCodes.Status408RequestTimeout ? TwinProblems.BodyTimedOut() : TwinProblems.UnreadableBody());
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return (null, TwinProblems.TooLarge(context, maxBytes));
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (null, Results.Empty); // the client went away mid-body: nobody to answer
        }
        catch (IOException ex)
        {
            // Kestrel reports some framing errors (a chunk size past 2^31) as a plain IOException, not a BadHttpRequestException.
            LogUnreadableBody(logger, StatusCodes.Status400BadRequest, ex.Message);
            return (null, TwinProblems.UnreadableBody());
        }
    }

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "A request body could not be read ({Status}: {Reason}); answered with a problem")]
    private static partial void LogUnreadableBody(ILogger logger, int status, string reason);
}
