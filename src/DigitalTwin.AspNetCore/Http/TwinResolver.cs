using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>Picks the twin a request is for: the <c>{twin}</c> route value, else the tenant header, else the default twin.</summary>
internal sealed class TwinResolver(IDigitalTwinCatalog catalog, string tenantHeader)
{
    public const string RouteValue = "twin";

    /// <summary>The name of the twin the request asks for (which may not exist).</summary>
    public string NameFor(HttpContext context)
    {
        var name = context.Request.RouteValues[RouteValue] as string;
        if (string.IsNullOrEmpty(name) && context.Request.Headers.TryGetValue(tenantHeader, out var header))
        {
            name = header.ToString().Trim();
        }

        return string.IsNullOrEmpty(name) ? DigitalTwinDefaults.TwinName : name;
    }

    public (IDigitalTwin? Twin, IResult? Problem) Resolve(HttpContext context)
    {
        var name = NameFor(context);
        var twin = name.Length <= 128 ? catalog.Find(name) : null;
        return twin is null ? (null, TwinProblems.UnknownTwin(context, name.Length <= 64 ? name : name[..64] + "…")) : (twin, null);
    }
}
