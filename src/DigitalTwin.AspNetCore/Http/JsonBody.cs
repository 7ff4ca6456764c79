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
            return (null, TwinProblems.UnsupportedMediaType());
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TwinProblems.TooLarge(maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(new LimitedReadStream(request.Body, maxBytes), type, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, TwinProblems.BadRequest("The request body is empty or null: send a JSON object.")) : (value, null);
        }
        catch (JsonException)
        {
            return (null, TwinProblems.BadRequest("The request body is not valid JSON for this endpoint: send {\"message\": \"…\", \"session_id\": \"…\"}."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TwinProblems.TooLarge(maxBytes));
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return (null, TwinProblems.TooLarge(maxBytes));
        }
    }
}
