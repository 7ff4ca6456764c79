using DigitalTwin.AspNetCore;
using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint listing what visitors left for the twin's owner.</summary>
public static class DigitalTwinOwnerRecordsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}?twin=&amp;from=&amp;to=</c>, which lists a twin's leads and unanswered questions over a period
    /// (<see cref="IOwnerRecordsReader"/>), oldest first. Like <c>MapDigitalTwinAnalytics</c> it always requires
    /// authorization (<see cref="DigitalTwinAnalyticsEndpointOptions.AuthorizationPolicy"/>, else the app's default policy),
    /// because visitors' contact details are for the owner only, and reads the period the same way: <c>from</c> and <c>to</c>
    /// are ISO 8601 dates (whole UTC days, both inclusive) or date-times; the default is the last 7 days.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the endpoint lives. Default <c>/owner/records</c>.</param>
    /// <param name="configure">Changes the endpoint's settings (policy, default and longest period).</param>
    /// <returns>The endpoint's route group, for more conventions (another policy, rate limiting…).</returns>
    /// <exception cref="InvalidOperationException"><c>AddDigitalTwin</c> or <c>AddAuthorization</c> was not called, no authentication scheme is registered, or the settings are invalid.</exception>
    public static RouteGroupBuilder MapDigitalTwinOwnerRecords(
        this IEndpointRouteBuilder endpoints, string pattern = "/owner/records", Action<DigitalTwinAnalyticsEndpointOptions>? configure = null)
        => OwnerEndpoint.Map(endpoints, pattern, configure, records: true);
}
