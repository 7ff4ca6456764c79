using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using DigitalTwin.Persona;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>
/// <c>GET /persona</c> (the person's name, the twin's language, whether there is a photo) and <c>GET /persona/photo</c>:
/// what a chat page shows in its header. Only <c>photo.jpg</c>, <c>photo.jpeg</c>, <c>photo.png</c> or <c>photo.webp</c>
/// in the persona folder is ever served, with a content type fixed by its extension.
/// </summary>
internal static class PersonaEndpoints
{
    public const long MaxPhotoBytes = 2 * 1024 * 1024;

    private static readonly (string File, string ContentType)[] Photos =
    [
        ("photo.jpg", "image/jpeg"), ("photo.jpeg", "image/jpeg"), ("photo.png", "image/png"), ("photo.webp", "image/webp"),
    ];

    public static async Task<IResult> PersonaAsync(HttpContext context, TwinEndpointContext endpoint, TwinLanguage language)
    {
        var (prompt, problem) = await PromptAsync(context, endpoint).ConfigureAwait(false);
        if (prompt is null)
        {
            return problem!;
        }

        var code = language.For(context) == PromptLanguage.Spanish ? "es" : "en";
        var photo = FindPhoto(prompt.Directory) is null ? null : "persona/photo";
        return TypedResults.Json(new PersonaResponse(prompt.Name, prompt.FullName, code, photo), ContractsJsonContext.Default.PersonaResponse);
    }

    public static async Task<IResult> PhotoAsync(HttpContext context, TwinEndpointContext endpoint)
    {
        var (prompt, problem) = await PromptAsync(context, endpoint).ConfigureAwait(false);
        if (prompt is null)
        {
            return problem!;
        }

        if (FindPhoto(prompt.Directory) is not { } photo)
        {
            return TypedResults.NotFound();
        }

        var bytes = await File.ReadAllBytesAsync(photo.Path, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Bytes(bytes, photo.ContentType);
    }

    private static async Task<(PersonaPrompt? Prompt, IResult? Problem)> PromptAsync(HttpContext context, TwinEndpointContext endpoint)
    {
        var (twin, unknown) = endpoint.Resolver.Resolve(context);
        if (twin is null)
        {
            return (null, unknown);
        }

        if (twin is not Twin own)
        {
            return (null, TypedResults.NotFound());
        }

        try
        {
            return (await own.GetPromptAsync().WaitAsync(context.RequestAborted).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, endpoint.Fail(ex, context));
        }
    }

    // A regular file (not a link out of the folder) no larger than the limit; none when the persona has no folder.
    private static (string Path, string ContentType)? FindPhoto(string directory)
    {
        if (directory.Length == 0)
        {
            return null;
        }

        foreach (var (file, contentType) in Photos)
        {
            var info = new FileInfo(Path.Combine(directory, file));
            if (info.Exists && info.LinkTarget is null && info.Length is > 0 and <= MaxPhotoBytes)
            {
                return (info.FullName, contentType);
            }
        }

        return null;
    }
}
