using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// DigitalTwin's <c>GET /</c> (service information) yields to the app's own home page: it is mapped with a lower priority
/// (a higher <see cref="RouteEndpoint.Order"/>), so routing picks the app's endpoint instead of failing with an ambiguous
/// match. Once the app has started, this logs when that happened, so nobody wonders where the service information went.
/// </summary>
internal static partial class RootRouteCheck
{
    public const string EndpointName = "DigitalTwinInfo";

    /// <summary>The order of DigitalTwin's <c>GET /</c>: after the app's endpoints (order 0).</summary>
    public const int Order = 1000;

    public static void LogIfShadowed(IEnumerable<EndpointDataSource> sources, ILogger logger)
    {
        var endpoints = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        foreach (var own in endpoints.Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == EndpointName))
        {
            var path = Normalize(own.RoutePattern.RawText);
            if (endpoints.Any(e => !ReferenceEquals(e, own) && e.Order < Order && Normalize(e.RoutePattern.RawText) == path && AcceptsGet(e)))
            {
                LogShadowed(logger, path.Length == 0 ? "/" : path);
            }
        }
    }

    private static string Normalize(string? pattern)
    {
        var trimmed = (pattern ?? string.Empty).Trim('/');
        return trimmed.Length == 0 ? string.Empty : "/" + trimmed;
    }

    private static bool AcceptsGet(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "GET {Path} is the app's own endpoint, so DigitalTwin's service information is not served there (the DigitalTwin API is unaffected)")]
    private static partial void LogShadowed(ILogger logger, string path);
}
