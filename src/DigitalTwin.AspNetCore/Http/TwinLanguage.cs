using DigitalTwin.Persona;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// The language a request is answered in (problem details, the chat page's texts): the host's
/// <see cref="DigitalTwinEndpointOptions.Language"/> when set, else the language of the twin the request is for.
/// </summary>
internal sealed class TwinLanguage(TwinResolver resolver, IOptionsMonitor<DigitalTwinOptions> twinOptions, PromptLanguage? hostLanguage)
{
    public PromptLanguage For(HttpContext context) => hostLanguage ?? ForTwin(resolver.NameFor(context));

    public PromptLanguage ForTwin(string name) => hostLanguage ?? (name.Length <= 128 ? twinOptions.Get(name).Language : PromptLanguage.English);

    /// <summary>A route-group filter that chooses the request's <see cref="ProblemTexts"/> before any other filter can answer.</summary>
    public ValueTask<object?> ChooseAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ProblemTexts.Choose(invocation.HttpContext, For(invocation.HttpContext));
        return next(invocation);
    }
}
