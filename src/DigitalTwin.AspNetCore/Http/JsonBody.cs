using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>Reads a JSON request body at the edge, turning every kind of bad input into a problem result.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes)
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
        catch (LimitedReadStream.LimitExceededException)
        {
            return (null, TwinProblems.TooLarge(context, maxBytes));
        }
    }
}
